import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable, type Transaction } from 'kysely';
import type { StoredValue } from '../custom-fields/custom-field-value';
import { customFieldCondition, customFieldSortKey, type CustomFieldCondition, type CustomFieldSort } from '../records/record-query';
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

export interface LeadQuery {
  ids?: string[];
  ownerIds?: readonly string[] | 'all';
  equals?: Partial<Record<LeadFilterColumn, string>>;
  customFields?: CustomFieldCondition[];
  sort: ({ column: LeadSortColumn; descending: boolean } | CustomFieldSort)[];
  limit: number;
  offset: number;
}

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
    let query = trx.selectFrom('leads').selectAll();
    if (q.ownerIds !== undefined && q.ownerIds !== 'all') query = query.where('owner_id', 'in', q.ownerIds.length > 0 ? [...q.ownerIds] : ['0']);
    if (q.ids && q.ids.length > 0) query = query.where('id', 'in', q.ids);
    for (const [column, value] of Object.entries(q.equals ?? {}) as [LeadFilterColumn, string][]) {
      query = column === 'email' ? query.where(sql`lower(email)`, '=', value.toLowerCase()) : query.where(column, '=', value as never);
    }
    for (const c of q.customFields ?? []) query = query.where(customFieldCondition('leads', c));
    for (const s of q.sort) {
      query = 'customField' in s ? query.orderBy(customFieldSortKey('leads', s)) : query.orderBy(sql.ref(s.column), s.descending ? sql`desc` : sql`asc`);
    }
    if (!q.sort.some((s) => 'column' in s && s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(q.limit).offset(q.offset).execute();
  }
}
