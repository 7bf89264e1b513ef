import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { migrate, serviceMigrations, type MigrationSet } from './migrator';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('migrate', () => {
  let database: TestDatabase;
  let owner: pg.Client;

  beforeEach(async () => {
    database = await createTestDatabase('it_migrator');
    owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
  });

  afterEach(async () => {
    await owner.end();
    await database.drop();
  });

  const tables = async () => (await owner.query(`select tablename from pg_tables where schemaname = 'public' order by 1`)).rows.map((r) => r.tablename);

  it('applies the sets in order, a library before the service, and grants the runtime role data access only', async () => {
    const lib: MigrationSet = { scope: 'lib', dir: folder({ '0001_a.sql': 'create table a (id int primary key);' }) };
    const own = serviceMigrations(folder({ '0001_b.sql': 'create table b (a_id int references a (id));', '0002_c.sql': 'alter table b add column c text;' }));
    const result = await migrate(database.ownerUrl, [lib, own], { runtimeRole: TEST_APP_ROLE });
    expect(result).toEqual({ applied: ['lib/0001_a.sql', 'service/0001_b.sql', 'service/0002_c.sql'], skipped: [], adopted: [] });
    expect(await tables()).toEqual(['a', 'b', 'schema_migrations']);
    const grants = (await owner.query(`select table_name, privilege_type from information_schema.role_table_grants where grantee = $1 order by 1, 2`, [TEST_APP_ROLE])).rows;
    expect(grants.filter((g) => g.table_name === 'schema_migrations')).toEqual([]);
    expect(grants.filter((g) => g.table_name === 'a').map((g) => g.privilege_type)).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
  });

  it('refuses an applied migration whose text changed, unless the new text names the old checksum', async () => {
    const before = 'create table a (id int);';
    const dir = folder({ '0001_a.sql': before });
    await migrate(database.ownerUrl, [serviceMigrations(dir)]);
    writeFileSync(path.join(dir, '0001_a.sql'), 'create table a (id bigint);');
    await expect(migrate(database.ownerUrl, [serviceMigrations(dir)])).rejects.toThrow('migration service/0001_a.sql changed after it was applied');
    const rewritten = `-- supersedes: ${sha256(before)}\ncreate table a (id bigint);`;
    writeFileSync(path.join(dir, '0001_a.sql'), rewritten);
    expect((await migrate(database.ownerUrl, [serviceMigrations(dir)])).skipped).toEqual(['service/0001_a.sql']);
    expect((await owner.query(`select checksum from schema_migrations`)).rows).toEqual([{ checksum: sha256(rewritten) }]);
  });

  it('records a migration whose tables all exist without running it, and stops where only some do', async () => {
    await owner.query('create table a (id int); create table b (id int)');
    const lib = (text: string): MigrationSet => ({ scope: 'lib', dir: folder({ '0001_ab.sql': text }) });
    const result = await migrate(database.ownerUrl, [lib('-- adopts: a, b\ncreate table a (id int); create table b (id int);')]);
    expect(result.adopted).toEqual(['lib/0001_ab.sql']);
    await owner.query('drop table b');
    await expect(migrate(database.ownerUrl, [{ ...lib('-- adopts: a, b, c\ncreate table a (id int);'), scope: 'other' }])).rejects.toThrow('makes a, b, c, but only a exist');
  });

  it('gives a ledger from before scopes its scope column, its rows those of the service', async () => {
    await owner.query(`create table schema_migrations (name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const text = 'create table a (id int);';
    await owner.query(text);
    await owner.query(`insert into schema_migrations (name, checksum) values ('0001_a.sql', $1)`, [sha256(text)]);
    const result = await migrate(database.ownerUrl, [serviceMigrations(folder({ '0001_a.sql': text, '0002_b.sql': 'create table b (id int);' }))]);
    expect(result).toEqual({ applied: ['service/0002_b.sql'], skipped: ['service/0001_a.sql'], adopted: [] });
  });

  it('rolls a failing migration back and names it', async () => {
    const dir = folder({ '0001_a.sql': 'create table a (id int); select 1 / 0;' });
    await expect(migrate(database.ownerUrl, [serviceMigrations(dir)])).rejects.toThrow('migration service/0001_a.sql failed: division by zero');
    expect(await tables()).toEqual(['schema_migrations']);
  });

  it('refuses a scope listed twice', async () => {
    const set = serviceMigrations(folder({}));
    await expect(migrate(database.ownerUrl, [set, set])).rejects.toThrow('migration scope service is listed twice');
  });
});
