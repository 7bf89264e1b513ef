import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import { applyRecordFilters, listRecords, type RecordListQuery, type StoredValue, streamRecords } from '@crm/records';
import { RecordTableRepository } from '../records/record-table.repository';
import type { LeadFields } from './lead-input';
import type { Trx, LeadsContactsDatabase } from '../database';

export interface LeadsTable extends Omit<LeadFields, 'custom_fields'> {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  custom_fields: Record<string, StoredValue>;
  version: Generated<string>;
  converted_at: Generated<Date | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LeadsTables {
  leads: LeadsTable;
}

export type LeadRow = Selectable<LeadsTable>;

export type LeadQuery = RecordListQuery<LeadFilterColumn, LeadSortColumn>;

export const LEAD_FILTER_COLUMNS = [
  'owner_id', 'creator_id', 'source_id', 'status', 'first_name', 'last_name', 'organization_name', 'email',
  'address_city', 'address_country', 'address_postal_code',
] as const;
export type LeadFilterColumn = (typeof LEAD_FILTER_COLUMNS)[number];

export const LEAD_SORT_COLUMNS = [
  'id', 'created_at', 'updated_at', 'first_name', 'last_name', 'organization_name', 'status', 'owner_id', 'email',
] as const;
export type LeadSortColumn = (typeof LEAD_SORT_COLUMNS)[number];

/** The only SQL about leads. Every method runs inside a tenant transaction (row-level security). */
@Injectable()
export class LeadsRepository extends RecordTableRepository<LeadRow, LeadFields> {
  protected readonly table = 'leads';

  async findForUpdate(trx: Trx, id: string): Promise<LeadRow | undefined> {
    return this.find(trx, id, true);
  }

  async markConverted(trx: Trx, id: string): Promise<LeadRow> {
    return trx.updateTable('leads').set({ converted_at: sql`now()`, updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async list(trx: Trx, q: LeadQuery): Promise<LeadRow[]> {
    // Converted leads live on as contacts; lists show the leads still to work.
    return listRecords<LeadRow, LeadFilterColumn, LeadSortColumn, LeadsContactsDatabase>(trx, 'leads', q, ['email'], sql<boolean>`converted_at is null`);
  }

  stream(trx: Trx, q: LeadQuery): AsyncIterable<LeadRow> {
    return streamRecords<LeadRow, LeadFilterColumn, LeadSortColumn, LeadsContactsDatabase>(trx, 'leads', q, ['email'], sql<boolean>`converted_at is null`);
  }

  async count(trx: Trx, q: LeadQuery): Promise<number> {
    const query = applyRecordFilters(trx.selectFrom('leads').select(sql<string>`count(*)`.as('n')).where('converted_at', 'is', null), 'leads', q, ['email']);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }
}
