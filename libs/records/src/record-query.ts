import { sql, type RawBuilder, type SelectQueryBuilder, type Transaction } from 'kysely';
import { TEXT_KEY_LENGTH, textKey } from './custom-fields/custom-field-value';

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

/** The table of a record type with owner_id, tags, created_at and updated_at (a fixed identifier). */
type RecordTable = string;

/**
 * `EXISTS` on custom_field_values for one record table (the table name is a fixed identifier).
 * Only leakproof comparisons (text =, float8 =) reach the index under row-level security, so the
 * keys are pre-lower-cased text and float8; the exact decimal, and a text longer than its key, are
 * rechecked after the index.
 */
export function customFieldCondition(table: RecordTable, c: CustomFieldCondition): RawBuilder<boolean> {
  const match =
    c.column === 'number'
      ? sql`v.number_key = ${Number(c.value)}::float8 and v.value_number = ${c.value}::numeric`
      : c.value.length < TEXT_KEY_LENGTH
        ? sql`v.text_key = ${textKey(c.value)}`
        : sql`v.text_key = ${textKey(c.value)} and lower(v.value_text) = ${c.value.toLowerCase()}`;
  return sql<boolean>`exists (select 1 from custom_field_values v where v.record_id = ${sql.ref(`${table}.id`)} and v.field_id = ${c.fieldId} and ${match})`;
}

/** The list query shape shared by every record type. */
export interface RecordListQuery<F extends string, S extends string> {
  ids?: string[];
  ownerIds?: readonly string[] | 'all';
  /** Records visible to the caller beyond their owner set (e.g. deals they collaborate on). */
  sharedWith?: RawBuilder<boolean>;
  equals?: Partial<Record<F, string | boolean>>;
  customFields?: CustomFieldCondition[];
  /** Every one of these tags (GIN index on tags). */
  tags?: string[];
  /** Inclusive ranges on the record's timestamps. */
  timeRanges?: { column: 'created_at' | 'updated_at'; from?: Date; to?: Date }[];
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
  if (q.ownerIds !== undefined && q.ownerIds !== 'all') {
    const owners = q.ownerIds.length > 0 ? [...q.ownerIds] : ['0'];
    const shared = q.sharedWith;
    b = shared ? b.where((eb) => eb.or([eb('owner_id', 'in', owners), shared as never])) : b.where('owner_id', 'in', owners);
  }
  if (q.ids && q.ids.length > 0) b = b.where('id', 'in', q.ids);
  for (const [column, value] of Object.entries(q.equals ?? {}) as [F, string | boolean][]) {
    b = caseless.includes(column) ? b.where(sql`lower(${sql.ref(column)})`, '=', String(value).toLowerCase()) : b.where(column, '=', value as never);
  }
  for (const c of q.customFields ?? []) b = b.where(customFieldCondition(table, c));
  if (q.tags && q.tags.length > 0) b = b.where(sql<boolean>`tags @> ${q.tags}::text[]`);
  for (const r of q.timeRanges ?? []) {
    if (r.from) b = b.where(sql.ref(`${table}.${r.column}`), '>=', r.from);
    if (r.to) b = b.where(sql.ref(`${table}.${r.column}`), '<=', r.to);
  }
  return b as unknown as SelectQueryBuilder<DB, T, O>;
}

type AnyTrx = Transaction<Record<string, Record<string, unknown>>>;
type AnySelect = SelectQueryBuilder<Record<string, Record<string, unknown>>, string, Record<string, unknown>>;

/**
 * Lists records: scope and filters, then sort and paging with id as the tie-breaker. A list sorted
 * first by a custom field is driven from the value index (records with a value in key order, then
 * those without), so a page costs a bounded index walk instead of sorting every visible record;
 * further sort keys after a custom field are not applied.
 */
export async function listRecords<Row, F extends string, S extends string, DB = unknown>(
  trx: Transaction<DB>,
  table: RecordTable,
  q: RecordListQuery<F, S>,
  caseless: readonly F[],
  scope?: RawBuilder<boolean>,
): Promise<Row[]> {
  const base = (): AnySelect => {
    let b = (trx as unknown as AnyTrx).selectFrom(table).selectAll(table) as unknown as AnySelect;
    if (scope) b = b.where(scope);
    return applyRecordFilters(b, table, q, caseless);
  };
  const first = q.sort[0];
  if (!first || !('customField' in first)) {
    let b = base();
    for (const s of q.sort) b = b.orderBy(sql.ref((s as { column: string }).column), s.descending ? sql`desc` : sql`asc`);
    if (!q.sort.some((s) => 'column' in s && (s.column as string) === 'id')) b = b.orderBy(sql.ref(`${table}.id`), sql`asc`);
    return (await b.limit(q.limit).offset(q.offset).execute()) as Row[];
  }
  const key = sql.ref(first.by === 'number' ? 's.number_key' : 's.text_key');
  const enough = q.offset + q.limit;
  const withValue = (await base()
    .innerJoin('custom_field_values as s', 's.record_id', `${table}.id`)
    .where('s.field_id', '=', first.customField)
    .orderBy(key, first.descending ? sql`desc` : sql`asc`)
    .orderBy(sql.ref(`${table}.id`), sql`asc`)
    .limit(enough)
    .execute()) as Row[];
  const page = withValue.slice(q.offset, q.offset + q.limit);
  // Records without a value come last; they are only looked for when the valued ones run out
  // before the end of the page, which spares the anti-join on most pages.
  if (withValue.length >= enough) return page;
  const withoutValue = (await base()
    .where(sql<boolean>`not exists (select 1 from custom_field_values s where s.record_id = ${sql.ref(`${table}.id`)} and s.field_id = ${first.customField})`)
    .orderBy(sql.ref(`${table}.id`), sql`asc`)
    .offset(Math.max(0, q.offset - withValue.length))
    .limit(q.limit - page.length)
    .execute()) as Row[];
  return [...page, ...withoutValue];
}

/**
 * Streams every record of a list query through a database cursor, in its column sort order with
 * id as the tie-breaker (a sort by a custom field is not applied: exports are ordered by id then).
 * Runs inside the caller's transaction, which sees one snapshot from the first row to the last.
 */
export function streamRecords<Row, F extends string, S extends string, DB = unknown>(
  trx: Transaction<DB>,
  table: RecordTable,
  q: RecordListQuery<F, S>,
  caseless: readonly F[],
  scope?: RawBuilder<boolean>,
): AsyncIterable<Row> {
  let b = (trx as unknown as AnyTrx).selectFrom(table).selectAll(table) as unknown as AnySelect;
  if (scope) b = b.where(scope);
  b = applyRecordFilters(b, table, q, caseless);
  for (const s of q.sort) if ('column' in s) b = b.orderBy(sql.ref(s.column as string), s.descending ? sql`desc` : sql`asc`);
  return b.orderBy(sql.ref(`${table}.id`), sql`asc`).stream(500) as AsyncIterable<Row>;
}
