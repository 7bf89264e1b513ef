import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable, type Transaction } from 'kysely';
import type { StoredValue } from '../custom-fields/custom-field-value';
import type { LeadFields } from './lead-input';

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
  custom_field_values: import('../custom-fields/custom-fields.repository').CustomFieldValuesTable;
}

export type LeadRow = Selectable<LeadsTable>;

/** A condition on the custom field value index: the record has this value for this field. */
export interface CustomFieldCondition {
  fieldId: string;
  column: 'text' | 'number';
  value: string;
}

export interface LeadQuery {
  ids?: string[];
  ownerIds?: readonly string[] | 'all';
  equals?: Partial<Record<LeadFilterColumn, string>>;
  customFields?: CustomFieldCondition[];
  sort: ({ column: LeadSortColumn; descending: boolean } | { customField: string; by: 'text' | 'number'; descending: boolean })[];
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
    for (const c of q.customFields ?? []) {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('custom_field_values as v')
            .select(sql`1`.as('one'))
            .whereRef('v.record_id', '=', 'leads.id')
            .where('v.field_id', '=', c.fieldId)
            .where(c.column === 'number' ? sql<boolean>`v.value_number = ${c.value}::numeric` : sql<boolean>`lower(v.value_text) = lower(${c.value})`),
        ),
      );
    }
    for (const [i, s] of q.sort.entries()) {
      const direction = s.descending ? sql`desc` : sql`asc`;
      if ('customField' in s) {
        // One value per record for sortable types; records without a value sort last.
        const value = s.by === 'number' ? sql`value_number` : sql`lower(value_text)`;
        query = query.orderBy(sql`(select ${value} from custom_field_values v${sql.raw(String(i))} where v${sql.raw(String(i))}.record_id = leads.id and v${sql.raw(String(i))}.field_id = ${s.customField} limit 1) ${direction} nulls last`);
      } else {
        query = query.orderBy(sql.ref(s.column), direction);
      }
    }
    if (!q.sort.some((s) => 'column' in s && s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(q.limit).offset(q.offset).execute();
  }
}
