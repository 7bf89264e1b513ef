import { sql, type RawBuilder, type Transaction } from 'kysely';

/** Notes and documents hang off a lead or a contact and are visible exactly when it is. */
export type AttachedResourceType = 'lead' | 'contact';
export const ATTACHED_RESOURCE_TYPES: readonly string[] = ['lead', 'contact'];

export function isAttachedResourceType(value: string): value is AttachedResourceType {
  return ATTACHED_RESOURCE_TYPES.includes(value);
}

/** The owner of the record a row of `table` (with resource_type, resource_id) is attached to. */
export function attachedRecordOwner(table: 'notes' | 'documents'): RawBuilder<string> {
  const t = sql.table(table);
  return sql<string>`coalesce(
    (select l.owner_id from leads l where ${t}.resource_type = 'lead' and l.id = ${t}.resource_id),
    (select c.owner_id from contacts c where ${t}.resource_type = 'contact' and c.id = ${t}.resource_id))`;
}

/** The owner of a lead or contact, or undefined when there is no such record in the tenant. */
export async function findRecordOwner<DB>(trx: Transaction<DB>, type: AttachedResourceType, id: string): Promise<string | undefined> {
  const table = type === 'lead' ? sql`leads` : sql`contacts`;
  const { rows } = await sql<{ owner_id: string }>`select owner_id from ${table} where id = ${id}`.execute(trx);
  return rows[0]?.owner_id;
}
