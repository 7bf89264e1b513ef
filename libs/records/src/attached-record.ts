import { sql, type RawBuilder, type Transaction } from 'kysely';

/**
 * The record types things (notes, documents) can be attached to in one service, each with the table
 * holding its records (with `id` and `owner_id`). Whoever sees the record sees what is attached.
 */
export type AttachedRecords = Readonly<Record<string, string>>;

/** The owner of the record a row of `table` (with resource_type, resource_id) is attached to. */
export function attachedRecordOwner(table: string, records: AttachedRecords): RawBuilder<string> {
  const t = sql.table(table);
  const owners = Object.entries(records).map(([type, recordTable]) => sql`(select r.owner_id from ${sql.table(recordTable)} r where ${t}.resource_type = ${type} and r.id = ${t}.resource_id)`);
  return owners.length === 1 ? sql<string>`${owners[0]}` : sql<string>`coalesce(${sql.join(owners)})`;
}

/** The owner of a record, or undefined when the tenant has no such record. */
export async function findRecordOwner<DB>(trx: Transaction<DB>, records: AttachedRecords, type: string, id: string): Promise<string | undefined> {
  const table = records[type];
  if (!table) return undefined;
  const { rows } = await sql<{ owner_id: string }>`select owner_id from ${sql.table(table)} where id = ${id}`.execute(trx);
  return rows[0]?.owner_id;
}
