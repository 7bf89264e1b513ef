import { sql, type Kysely, type Transaction } from 'kysely';
import type { StoredValue } from '@crm/records';

type RecordTable = 'leads' | 'contacts';
// A loosely typed view of one record table; callers keep their own precise row types.
type AnyTrx = Transaction<Record<RecordTable, Record<string, unknown>>>;

/**
 * The row operations leads and contacts share (insert with creator, find with an optional lock,
 * update bumping the version, delete). Subclasses name their table and their row type.
 */
export abstract class RecordTableRepository<Row, Fields extends { custom_fields: Record<string, StoredValue> }> {
  protected abstract readonly table: RecordTable;

  async insert<DB>(trx: Transaction<DB> | Kysely<DB>, tenantId: string, creatorId: string, fields: Fields): Promise<Row> {
    const row = { ...fields, tenant_id: tenantId, creator_id: creatorId, custom_fields: JSON.stringify(fields.custom_fields) };
    return (await (trx as unknown as AnyTrx).insertInto(this.table).values(row).returningAll().executeTakeFirstOrThrow()) as Row;
  }

  async find<DB>(trx: Transaction<DB>, id: string, forUpdate = false): Promise<Row | undefined> {
    const q = (trx as unknown as AnyTrx).selectFrom(this.table).selectAll().where('id', '=', id);
    return (await (forUpdate ? q.forUpdate() : q).executeTakeFirst()) as Row | undefined;
  }

  /**
   * The first record (by id) whose de-duplication key equals `value`, locked for update:
   * `email_key` is the trimmed lower-case address, `phone_key` the digits of the phone number.
   */
  /**
   * The first record with this e-mail or phone key among those the caller may see: a record the
   * caller cannot see is no match, so that de-duplication reveals nothing about it.
   */
  async findDuplicate<DB>(trx: Transaction<DB>, key: 'email_key' | 'phone_key', value: string, visibleOwnerIds: 'all' | readonly string[]): Promise<Row | undefined> {
    if (visibleOwnerIds !== 'all' && visibleOwnerIds.length === 0) return undefined;
    let q = (trx as unknown as AnyTrx).selectFrom(this.table).selectAll().where(key, '=', value);
    if (visibleOwnerIds !== 'all') q = q.where('owner_id', 'in', [...visibleOwnerIds]);
    if (this.table === 'leads') q = q.where('converted_at', 'is', null);
    return (await q.orderBy('id').limit(1).forUpdate().executeTakeFirst()) as Row | undefined;
  }

  async update<DB>(trx: Transaction<DB>, id: string, fields: Fields): Promise<Row> {
    const changes = { ...fields, custom_fields: JSON.stringify(fields.custom_fields), version: sql`version + 1`, updated_at: sql`now()` };
    return (await (trx as unknown as AnyTrx).updateTable(this.table).set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow()) as Row;
  }

  /**
   * Deletes the record, its notes and its documents (the record's deleted event stands for all);
   * the documents' stored bytes are queued for the purger.
   */
  async delete<DB>(trx: Transaction<DB>, id: string): Promise<void> {
    const type = this.table === 'leads' ? 'lead' : 'contact';
    await sql`delete from notes where resource_type = ${type} and resource_id = ${id}`.execute(trx);
    await sql`with gone as (delete from documents where resource_type = ${type} and resource_id = ${id} returning storage_key)
      insert into object_purges (storage_key) select storage_key from gone on conflict do nothing`.execute(trx);
    await (trx as unknown as AnyTrx).deleteFrom(this.table).where('id', '=', id).execute();
  }
}
