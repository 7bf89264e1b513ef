import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

const LOCK_ID = 727_001;

/**
 * Applies a service's plain-SQL migrations (`NNNN_name.sql`, in name order), each in its own
 * transaction, recording name and checksum. An advisory lock lets several replicas start at once;
 * an edited, already applied file is an error rather than a silent drift.
 */
export async function migrate(url: string, dir: string, options: { runtimeRole?: string } = {}): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_ID]);
    await client.query(`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>('select name, checksum from schema_migrations');
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const result: MigrationResult = { applied: [], skipped: [] };
    for (const file of files) {
      const text = await readFile(path.join(dir, file), 'utf8');
      const checksum = createHash('sha256').update(text).digest('hex');
      const previous = done.get(file);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`migration ${file} changed after it was applied`);
        result.skipped.push(file);
        continue;
      }
      try {
        await client.query('begin');
        await client.query(text);
        await client.query('insert into schema_migrations (name, checksum) values ($1, $2)', [file, checksum]);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw new Error(`migration ${file} failed: ${(e as Error).message}`);
      }
      result.applied.push(file);
    }
    if (options.runtimeRole) await grantRuntimeRole(client, options.runtimeRole);
    return result;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

/**
 * The runtime role gets data access to every table of the schema and nothing else: no DDL, no
 * ownership (so row-level security applies to it), no access to the migration ledger.
 */
async function grantRuntimeRole(client: pg.Client, role: string): Promise<void> {
  const ident = (await client.query<{ q: string }>('select quote_ident($1) as q', [role])).rows[0]!.q;
  await client.query(`grant usage on schema public to ${ident}`);
  await client.query(`grant select, insert, update, delete on all tables in schema public to ${ident}`);
  await client.query(`grant usage, select on all sequences in schema public to ${ident}`);
  await client.query(`revoke all on schema_migrations from ${ident}`);
}
