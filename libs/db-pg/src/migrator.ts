import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/**
 * One ordered folder of plain-SQL migrations (`NNNN_name.sql`). A library that owns tables ships
 * its own set; a service applies the sets of the libraries it mounts before its own.
 */
export interface MigrationSet {
  /** Names the set in the ledger: the library's name, or `service` for the service's own. */
  scope: string;
  dir: string;
}

export interface MigrationResult {
  /** `scope/name` of each migration run now. */
  applied: string[];
  /** Already applied. */
  skipped: string[];
  /** Recorded without running: their tables were made before, by an earlier layout. */
  adopted: string[];
}

/** The scope of a service's own migrations (and of every migration applied before scopes existed). */
export const SERVICE_SCOPE = 'service';

/** A service's own migrations, in `dir`. */
export function serviceMigrations(dir: string): MigrationSet {
  return { scope: SERVICE_SCOPE, dir };
}

const LOCK_ID = 727_001;

interface Migration {
  scope: string;
  name: string;
  text: string;
  checksum: string;
  /** Tables that, when all present, mean this migration's effect is already in the database. */
  adopts: string[];
  /** Checksums of earlier texts of this migration that count as applied. */
  supersedes: string[];
}

/**
 * Applies migration sets in order, each migration in its own transaction, recording scope, name
 * and checksum. An advisory lock lets several replicas start at once; an edited, already applied
 * file is an error rather than a silent drift, unless the new text names the old checksum it
 * replaces (`-- supersedes: <sha256>`). A migration that names its tables (`-- adopts: a, b`) is
 * recorded without running where all of them already exist, so a database made before a library
 * owned those tables upgrades in place; where only some exist, migrating stops.
 */
export async function migrate(url: string, sets: readonly MigrationSet[], options: { runtimeRole?: string } = {}): Promise<MigrationResult> {
  assertDistinctScopes(sets);
  const migrations = (await Promise.all(sets.map(readSet))).flat();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_ID]);
    await ensureLedger(client);
    const { rows } = await client.query<{ scope: string; name: string; checksum: string }>('select scope, name, checksum from schema_migrations');
    const done = new Map(rows.map((r) => [`${r.scope}/${r.name}`, r.checksum]));
    const result: MigrationResult = { applied: [], skipped: [], adopted: [] };
    for (const migration of migrations) {
      const id = `${migration.scope}/${migration.name}`;
      const previous = done.get(id);
      if (previous !== undefined) {
        await checkApplied(client, migration, previous);
        result.skipped.push(id);
      } else if (await isPresent(client, migration)) {
        await record(client, migration);
        result.adopted.push(id);
      } else {
        await apply(client, migration);
        result.applied.push(id);
      }
    }
    if (options.runtimeRole) await grantRuntimeRole(client, options.runtimeRole);
    return result;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

function assertDistinctScopes(sets: readonly MigrationSet[]): void {
  const scopes = sets.map((s) => s.scope);
  const repeated = scopes.find((s, i) => scopes.indexOf(s) !== i);
  if (repeated) throw new Error(`migration scope ${repeated} is listed twice`);
}

async function readSet(set: MigrationSet): Promise<Migration[]> {
  const files = (await readdir(set.dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (name) => {
      const text = await readFile(path.join(set.dir, name), 'utf8');
      return { scope: set.scope, name, text, checksum: createHash('sha256').update(text).digest('hex'), adopts: header(text, 'adopts'), supersedes: header(text, 'supersedes') };
    }),
  );
}

/** The comma-separated values of `-- <key>: …` lines in the comment block a migration starts with. */
function header(text: string, key: string): string[] {
  const values: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('--')) break;
    const match = new RegExp(`^--\\s*${key}:\\s*(.+)$`).exec(line.trim());
    if (match) values.push(...match[1]!.split(',').map((v) => v.trim()).filter(Boolean));
  }
  return values;
}

/** The ledger, keyed by scope and name; a ledger from before scopes gets them, its rows `service`. */
async function ensureLedger(client: pg.Client): Promise<void> {
  await client.query(`create table if not exists schema_migrations (
    scope text not null default '${SERVICE_SCOPE}', name text not null, checksum text not null,
    applied_at timestamptz not null default now(), primary key (scope, name))`);
  const { rows } = await client.query(`select 1 from information_schema.columns where table_name = 'schema_migrations' and table_schema = current_schema() and column_name = 'scope'`);
  if (rows.length > 0) return;
  await client.query('begin');
  try {
    await client.query(`alter table schema_migrations add column scope text not null default '${SERVICE_SCOPE}'`);
    await client.query('alter table schema_migrations drop constraint schema_migrations_pkey');
    await client.query('alter table schema_migrations add primary key (scope, name)');
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
}

async function checkApplied(client: pg.Client, migration: Migration, previous: string): Promise<void> {
  if (previous === migration.checksum) return;
  const id = `${migration.scope}/${migration.name}`;
  if (!migration.supersedes.includes(previous)) throw new Error(`migration ${id} changed after it was applied`);
  await client.query('update schema_migrations set checksum = $3 where scope = $1 and name = $2', [migration.scope, migration.name, migration.checksum]);
}

async function isPresent(client: pg.Client, migration: Migration): Promise<boolean> {
  if (migration.adopts.length === 0) return false;
  const { rows } = await client.query<{ name: string; present: boolean }>('select name, to_regclass(name) is not null as present from unnest($1::text[]) as name', [migration.adopts]);
  const present = rows.filter((r) => r.present).map((r) => r.name);
  if (present.length === 0) return false;
  if (present.length === rows.length) return true;
  throw new Error(`migration ${migration.scope}/${migration.name} makes ${migration.adopts.join(', ')}, but only ${present.join(', ')} exist`);
}

async function record(client: pg.Client, migration: Migration): Promise<void> {
  await client.query('insert into schema_migrations (scope, name, checksum) values ($1, $2, $3)', [migration.scope, migration.name, migration.checksum]);
}

async function apply(client: pg.Client, migration: Migration): Promise<void> {
  try {
    await client.query('begin');
    await client.query(migration.text);
    await record(client, migration);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw new Error(`migration ${migration.scope}/${migration.name} failed: ${(e as Error).message}`);
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
