import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { createDatabase, inTenantTransaction } from './database';

const NOTES_DDL = `
  create table scoped_notes (tenant_id uuid not null, text text not null);
  alter table scoped_notes enable row level security;
  alter table scoped_notes force row level security;
  create policy scoped_notes_tenant on scoped_notes
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
  grant select, insert on scoped_notes to ${TEST_APP_ROLE};`;

type Db = { scoped_notes: { tenant_id: string; text: string } };

describe(inTenantTransaction.name, () => {
  let database: TestDatabase;
  let db: Kysely<Db>;

  beforeAll(async () => {
    database = await createTestDatabase('it_tenant_tx');
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await owner.query(NOTES_DDL);
    await owner.end();
    db = createDatabase({ url: database.appUrl, maxConnections: 2 });
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const setting = (trx: Kysely<Db>) => sql<{ t: string | null }>`select current_setting('app.tenant_id', true) as t`.execute(trx).then((r) => r.rows[0]!.t);

  it('opens each transaction scoped to its tenant, so row-level security keeps tenants apart', async () => {
    await inTenantTransaction(db, TENANTS.acme, (trx) => trx.insertInto('scoped_notes').values({ tenant_id: TENANTS.acme, text: 'acme' }).execute());
    await inTenantTransaction(db, TENANTS.globex.toUpperCase(), (trx) => trx.insertInto('scoped_notes').values({ tenant_id: TENANTS.globex, text: 'globex' }).execute());
    const read = (tenantId: string) => inTenantTransaction(db, tenantId, async (trx) => ({ setting: await setting(trx), texts: (await trx.selectFrom('scoped_notes').select('text').execute()).map((r) => r.text) }));
    expect(await read(TENANTS.acme)).toEqual({ setting: TENANTS.acme, texts: ['acme'] });
    expect(await read(TENANTS.globex)).toEqual({ setting: TENANTS.globex, texts: ['globex'] });
    // Writing another tenant's row is refused by the policy.
    await expect(inTenantTransaction(db, TENANTS.acme, (trx) => trx.insertInto('scoped_notes').values({ tenant_id: TENANTS.globex, text: 'intrusion' }).execute())).rejects.toThrow(/row-level security/);
  });

  it('leaves no setting on the pooled connection after the transaction, and none in a transaction opened inside', async () => {
    const inner = await inTenantTransaction(db, TENANTS.acme, async () => db.transaction().execute((trx) => setting(trx)));
    expect(inner ?? '').toBe('');
    // Both pooled connections have served tenant transactions by now; neither keeps a tenant.
    const after = await Promise.all([db.transaction().execute((trx) => setting(trx)), db.transaction().execute((trx) => setting(trx))]);
    expect(after.map((t) => t ?? '')).toEqual(['', '']);
  });

  it('scopes a tenant id of another shape with a parameter, as before', async () => {
    const hostile = "x', true); drop table scoped_notes; --";
    expect(await inTenantTransaction(db, hostile, (trx) => setting(trx))).toBe(hostile);
    // Such a tenant sees nothing: the policy cannot read it as a tenant id.
    await expect(inTenantTransaction(db, 'not-a-uuid', (trx) => trx.selectFrom('scoped_notes').selectAll().execute())).rejects.toThrow(/invalid input syntax for type uuid/);
    expect(await inTenantTransaction(db, TENANTS.acme, (trx) => trx.selectFrom('scoped_notes').select('text').execute())).toEqual([{ text: 'acme' }]);
  });
});
