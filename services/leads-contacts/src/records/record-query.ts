import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/** A condition on the custom field value index: the record has this value for this field. */
export interface CustomFieldCondition {
  fieldId: string;
  column: 'text' | 'number';
  value: string;
}

export interface CustomFieldSort {
  customField: string;
  by: 'text' | 'number';
  descending: boolean;
}

type RecordTable = 'leads' | 'contacts';

/** `EXISTS` on custom_field_values for one record table (the table name is a fixed identifier). */
export function customFieldCondition(table: RecordTable, c: CustomFieldCondition): RawBuilder<boolean> {
  const match = c.column === 'number' ? sql`v.value_number = ${c.value}::numeric` : sql`lower(v.value_text) = lower(${c.value})`;
  return sql<boolean>`exists (select 1 from custom_field_values v where v.record_id = ${sql.ref(`${table}.id`)} and v.field_id = ${c.fieldId} and ${match})`;
}

/** Sort key: the record's value of one (single-valued) field; records without a value sort last. */
export function customFieldSortKey(table: RecordTable, s: CustomFieldSort): RawBuilder<unknown> {
  const value = s.by === 'number' ? sql`s.value_number` : sql`lower(s.value_text)`;
  const direction = s.descending ? sql`desc` : sql`asc`;
  return sql`(select ${value} from custom_field_values s where s.record_id = ${sql.ref(`${table}.id`)} and s.field_id = ${s.customField} limit 1) ${direction} nulls last`;
}

/** The list query shape shared by leads and contacts. */
export interface RecordListQuery<F extends string, S extends string> {
  ids?: string[];
  ownerIds?: readonly string[] | 'all';
  equals?: Partial<Record<F, string | boolean>>;
  customFields?: CustomFieldCondition[];
  /** Every one of these tags (GIN index on tags). */
  tags?: string[];
  sort: ({ column: S; descending: boolean } | CustomFieldSort)[];
  limit: number;
  offset: number;
}

/**
 * Applies visibility (owner set), ids, equality filters (case-insensitive for `caseless` columns),
 * custom field conditions and tags to a record select.
 */
export function applyRecordFilters<DB, T extends keyof DB & RecordTable, O, F extends string, S extends string>(
  query: SelectQueryBuilder<DB, T, O>,
  table: T,
  q: RecordListQuery<F, S>,
  caseless: readonly F[],
): SelectQueryBuilder<DB, T, O> {
  // Column names come from fixed lists of the caller, so they are safe identifiers.
  let b = query as unknown as SelectQueryBuilder<Record<string, Record<string, unknown>>, string, O>;
  if (q.ownerIds !== undefined && q.ownerIds !== 'all') b = b.where('owner_id', 'in', q.ownerIds.length > 0 ? [...q.ownerIds] : ['0']);
  if (q.ids && q.ids.length > 0) b = b.where('id', 'in', q.ids);
  for (const [column, value] of Object.entries(q.equals ?? {}) as [F, string | boolean][]) {
    b = caseless.includes(column) ? b.where(sql`lower(${sql.ref(column)})`, '=', String(value).toLowerCase()) : b.where(column, '=', value as never);
  }
  for (const c of q.customFields ?? []) b = b.where(customFieldCondition(table, c));
  if (q.tags && q.tags.length > 0) b = b.where(sql<boolean>`tags @> ${q.tags}::text[]`);
  return b as unknown as SelectQueryBuilder<DB, T, O>;
}

/** Filters as in applyRecordFilters, then sort (id as the tie-breaker) and paging. */
export function applyRecordListQuery<DB, T extends keyof DB & RecordTable, O, F extends string, S extends string>(
  query: SelectQueryBuilder<DB, T, O>,
  table: T,
  q: RecordListQuery<F, S>,
  caseless: readonly F[],
): SelectQueryBuilder<DB, T, O> {
  let b = applyRecordFilters(query, table, q, caseless) as unknown as SelectQueryBuilder<Record<string, Record<string, unknown>>, string, O>;
  for (const s of q.sort) b = 'customField' in s ? b.orderBy(customFieldSortKey(table, s)) : b.orderBy(sql.ref(s.column), s.descending ? sql`desc` : sql`asc`);
  if (!q.sort.some((s) => 'column' in s && (s.column as string) === 'id')) b = b.orderBy('id', 'asc');
  return b.limit(q.limit).offset(q.offset) as unknown as SelectQueryBuilder<DB, T, O>;
}
