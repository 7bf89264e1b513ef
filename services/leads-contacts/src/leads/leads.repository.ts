import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable, type Transaction } from 'kysely';
import type { StoredValue } from '../custom-fields/custom-field-value';
import { applyRecordListQuery, type CustomFieldCondition, type RecordListQuery } from '../records/record-query';
import type { LeadFields } from './lead-input';

export type { CustomFieldCondition };

export interface LeadsTable extends Omit<LeadFields, 'custom_fields'> {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  custom_fields: Record<string, StoredValue>;
  version: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LeadsDatabase {
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

type Trx = Transaction<LeadsDatabase>;

/** The only SQL about leads. Every method runs inside a tenant transaction (row-level security). */
@Injectable()
export class LeadsRepository {
  async insert(trx: Trx, tenantId: string, creatorId: string, fields: LeadFields): Promise<LeadRow> {
    return trx
      .insertInto('leads')
      .values({ ...fields, tenant_id: tenantId, creator_id: creatorId, custom_fields: JSON.stringify(fields.custom_fields) as never })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findForUpdate(trx: Trx, id: string): Promise<LeadRow | undefined> {
    return trx.selectFrom('leads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async find(trx: Trx, id: string): Promise<LeadRow | undefined> {
    return trx.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(trx: Trx, id: string, fields: LeadFields): Promise<LeadRow> {
    return trx
      .updateTable('leads')
      .set({ ...fields, custom_fields: JSON.stringify(fields.custom_fields) as never, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('leads').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: LeadQuery): Promise<LeadRow[]> {
    return applyRecordListQuery(trx.selectFrom('leads').selectAll(), 'leads', q, ['email']).execute();
  }
}
