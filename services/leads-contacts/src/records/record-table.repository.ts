import { sql, type RawBuilder } from 'kysely';
import { chunksWithin } from '@crm/db-pg';
import { retagRecords, type StoredValue } from '@crm/records';
import type { LeadsContactsDatabase, Trx } from '../database';

type RecordTable = 'leads' | 'contacts';

/** The columns a write sets: an undefined value leaves its column alone, as Kysely's builders do. */
function defined(values: Record<string, unknown>): [string, unknown][] {
  return Object.entries(values).filter(([, value]) => value !== undefined);
}

/** `column = value, …` of an update. */
function assignments(values: Record<string, unknown>): RawBuilder<unknown> {
  return sql.join(defined(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`));
}

/**
 * The row operations leads and contacts share (insert with creator, find with an optional lock,
 * update bumping the version, delete). Subclasses name their table and their row type. The table
 * is chosen at run time, so these few statements are written in SQL with their row type declared,
 * as Kysely's builders need a table known at compile time.
 */
export abstract class RecordTableRepository<Row, Fields extends { custom_fields: Record<string, StoredValue> }> {
  protected abstract readonly table: RecordTable;

  async insert(trx: Trx, tenantId: string, creatorId: string, fields: Fields): Promise<Row> {
    return (await this.insertMany(trx, tenantId, creatorId, [fields]))[0]!;
  }

  /**
   * Inserts records in as few statements as the parameter limit allows and returns their rows in
   * the order given: PostgreSQL returns the rows of `insert … values … returning` in the order of
   * the values list, which imports rely on to pair each row with its input.
   */
  async insertMany(trx: Trx, tenantId: string, creatorId: string, records: readonly Fields[]): Promise<Row[]> {
    const rows = records.map((fields) => new Map(defined({ ...fields, tenant_id: tenantId, creator_id: creatorId, custom_fields: JSON.stringify(fields.custom_fields) })));
    const columns = [...new Set(rows.flatMap((row) => [...row.keys()]))];
    const inserted: Row[] = [];
    for (const chunk of chunksWithin(rows, columns.length)) {
      const values = chunk.map((row) => sql`(${sql.join(columns.map((column) => (row.has(column) ? sql`${row.get(column)}` : sql`default`)))})`);
      const { rows: returned } = await sql<Row>`
        insert into ${sql.table(this.table)} (${sql.join(columns.map((column) => sql.ref(column)))})
        values ${sql.join(values)} returning *`.execute(trx);
      inserted.push(...returned);
    }
    return inserted;
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<Row | undefined> {
    const { rows } = await sql<Row>`select * from ${sql.table(this.table)} where id = ${id} ${forUpdate ? sql`for update` : sql``}`.execute(trx);
    return rows[0];
  }

  /**
   * The first record with this e-mail or phone key among those the caller may see, locked for
   * update: `email_key` is the trimmed lower-case address, `phone_key` the digits of the phone
   * number. A record the caller cannot see is no match, so that de-duplication reveals nothing
   * about it; a converted lead is no match either.
   */
  async findDuplicate(trx: Trx, key: 'email_key' | 'phone_key', value: string, visibleOwnerIds: 'all' | readonly string[]): Promise<Row | undefined> {
    if (visibleOwnerIds !== 'all' && visibleOwnerIds.length === 0) return undefined;
    const visible = visibleOwnerIds === 'all' ? sql`true` : sql`owner_id = any(${[...visibleOwnerIds]}::bigint[])`;
    const unconverted = this.table === 'leads' ? sql`converted_at is null` : sql`true`;
    const { rows } = await sql<Row>`
      select * from ${sql.table(this.table)} where ${sql.ref(key)} = ${value} and ${visible} and ${unconverted}
      order by id limit 1 for update`.execute(trx);
    return rows[0];
  }

  /**
   * Which of these e-mail or phone keys name a record the caller may see (the batch form of
   * `findDuplicate`, unlocked: a key found here is then matched and locked row by row).
   */
  async existingKeys(trx: Trx, key: 'email_key' | 'phone_key', values: readonly string[], visibleOwnerIds: 'all' | readonly string[]): Promise<Set<string>> {
    if (values.length === 0 || (visibleOwnerIds !== 'all' && visibleOwnerIds.length === 0)) return new Set();
    const visible = visibleOwnerIds === 'all' ? sql`true` : sql`owner_id = any(${[...visibleOwnerIds]}::bigint[])`;
    const unconverted = this.table === 'leads' ? sql`converted_at is null` : sql`true`;
    const { rows } = await sql<{ key: string }>`
      select distinct ${sql.ref(key)} as key from ${sql.table(this.table)}
      where ${sql.ref(key)} = any(${[...new Set(values)]}::text[]) and ${visible} and ${unconverted}`.execute(trx);
    return new Set(rows.map((r) => r.key));
  }

  async update(trx: Trx, id: string, fields: Fields): Promise<Row> {
    const changes = assignments({ ...fields, custom_fields: JSON.stringify(fields.custom_fields) });
    const { rows } = await sql<Row>`
      update ${sql.table(this.table)} set ${changes}, version = version + 1, updated_at = now()
      where id = ${id} returning *`.execute(trx);
    if (!rows[0]) throw new Error(`${this.table} ${id} vanished inside its transaction`);
    return rows[0];
  }

  /** Renames or removes a tag on every record carrying it (converted leads stay as they were). */
  async retag(trx: Trx, from: string, to: string | null): Promise<{ row: Row; previousTags: string[] }[]> {
    const where = this.table === 'leads' ? sql<boolean>`converted_at is null` : sql<boolean>`true`;
    return retagRecords<Row, LeadsContactsDatabase>(trx, this.table, { from, to, versioned: true, where });
  }

  /**
   * Deletes the record, its notes and its documents (the record's deleted event stands for all);
   * the documents' stored bytes are queued for the purger.
   */
  async delete(trx: Trx, id: string): Promise<void> {
    const type = this.table === 'leads' ? 'lead' : 'contact';
    await sql`delete from notes where resource_type = ${type} and resource_id = ${id}`.execute(trx);
    await sql`with gone as (delete from documents where resource_type = ${type} and resource_id = ${id} returning storage_key)
      insert into object_purges (storage_key) select storage_key from gone on conflict do nothing`.execute(trx);
    await sql`delete from ${sql.table(this.table)} where id = ${id}`.execute(trx);
  }
}
