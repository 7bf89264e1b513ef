import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, inTenantTransaction, migrate } from '@crm/db-pg';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { EMPTY_LEAD, type LeadFields } from './lead-input';
import { LeadsRepository } from './leads.repository';
import { MIGRATIONS } from '../migrations';
import type { Database, LeadsContactsDatabase } from '../database';

const lead = (owner: string, lastName: string): LeadFields => ({ ...EMPTY_LEAD, owner_id: owner, last_name: lastName });

describe(LeadsRepository.name, () => {
  let database: TestDatabase;
  let db: Database;
  const sut = new LeadsRepository();
  let acmeLeadId: string;
  let globexLeadId: string;

  beforeAll(async () => {
    database = await createTestDatabase('it_leads_repo');
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });
    db = createDatabase<LeadsContactsDatabase>({ url: database.appUrl });
    acmeLeadId = (await inTenantTransaction(db, TENANTS.acme, (trx) => sut.insert(trx, TENANTS.acme, '1001', lead('1003', 'Acme-Lead')))).id;
    globexLeadId = (await inTenantTransaction(db, TENANTS.globex, (trx) => sut.insert(trx, TENANTS.globex, '2001', lead('2003', 'Globex-Lead')))).id;
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('connects as a role that row-level security applies to', async () => {
    const { rows } = await sql<{ usesuper: boolean; rolbypassrls: boolean }>`
      select r.rolsuper as usesuper, r.rolbypassrls from pg_roles r where r.rolname = current_user`.execute(db);
    expect(rows[0]).toEqual({ usesuper: false, rolbypassrls: false });
  });

  it('sees nothing without the tenant setting', async () => {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from leads`.execute(db);
    expect(rows[0]!.n).toBe('0');
    expect(await db.transaction().execute((trx) => sut.find(trx, acmeLeadId))).toBeUndefined();
  });

  it('shows each tenant only its own leads', async () => {
    const acme = await inTenantTransaction(db, TENANTS.acme, (trx) => sut.list(trx, { ownerIds: 'all', sort: [], limit: 100, offset: 0 }));
    expect(acme.map((l) => l.last_name)).toEqual(['Acme-Lead']);
    expect(await inTenantTransaction(db, TENANTS.acme, (trx) => sut.find(trx, globexLeadId))).toBeUndefined();
  });

  it('does not let tenant A write rows of tenant B', async () => {
    await expect(inTenantTransaction(db, TENANTS.acme, (trx) => sut.insert(trx, TENANTS.globex, '1001', lead('1003', 'Smuggled')))).rejects.toThrow(/row-level security/);
    const updated = await inTenantTransaction(db, TENANTS.acme, (trx) =>
      trx.updateTable('leads').set({ last_name: 'Hijacked' }).where('id', '=', globexLeadId).executeTakeFirst(),
    );
    expect(updated.numUpdatedRows).toBe(0n);
    await inTenantTransaction(db, TENANTS.acme, (trx) => sut.delete(trx, globexLeadId));

    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      // The table owner is subject to FORCE ROW LEVEL SECURITY too, so read back as a superuser would: per tenant.
      await owner.query(`select set_config('app.tenant_id', $1, false)`, [TENANTS.globex]);
      const { rows } = await owner.query('select last_name from leads where id = $1', [globexLeadId]);
      expect(rows).toEqual([{ last_name: 'Globex-Lead' }]);
    } finally {
      await owner.end();
    }
  });

  it('filters by owner set, attributes and ids, and sorts', async () => {
    await inTenantTransaction(db, TENANTS.acme, async (trx) => {
      await sut.insert(trx, TENANTS.acme, '1002', { ...lead('1004', 'Zed'), email: 'Zed@Example.com', status: 'working' });
      await sut.insert(trx, TENANTS.acme, '1002', lead('1005', 'Abe'));
    });
    const list = (q: Partial<Parameters<LeadsRepository['list']>[1]>) =>
      inTenantTransaction(db, TENANTS.acme, (trx) => sut.list(trx, { ownerIds: 'all', sort: [], limit: 100, offset: 0, ...q })).then((r) => r.map((l) => l.last_name));
    expect(await list({ ownerIds: ['1003', '1004'], sort: [{ column: 'last_name', descending: true }] })).toEqual(['Zed', 'Acme-Lead']);
    expect(await list({ equals: { email: 'zed@example.com' } })).toEqual(['Zed']);
    expect(await list({ equals: { status: 'new' }, sort: [{ column: 'last_name', descending: false }] })).toEqual(['Abe', 'Acme-Lead']);
    expect(await list({ ownerIds: [] })).toEqual([]);
    expect(await list({ ids: [acmeLeadId] })).toEqual(['Acme-Lead']);
    expect(await list({ sort: [{ column: 'last_name', descending: false }], limit: 1, offset: 1 })).toEqual(['Acme-Lead']);
  });

  it('inserts many leads across statements and returns their rows in the order given', async () => {
    // 3,000 rows of about 30 columns bind more than 65,535 parameters: two statements.
    const names = Array.from({ length: 3_000 }, (_, i) => `Bulk-${i}`);
    const rows = await inTenantTransaction(db, TENANTS.acme, (trx) =>
      sut.insertMany(trx, TENANTS.acme, '1001', names.map((name, i) => ({ ...lead(i % 2 ? '1003' : '1004', name), email: ` ${name}@Example.com` }))),
    );
    expect(rows.map((r) => r.last_name)).toEqual(names);
    expect(rows.map((r) => Number(r.id))).toEqual([...rows.map((r) => Number(r.id))].sort((a, b) => a - b));
    const stored = await inTenantTransaction(db, TENANTS.acme, (trx) => trx.selectFrom('leads').select(['id', 'last_name']).where('last_name', 'like', 'Bulk-%').execute());
    expect(new Map(stored.map((r) => [r.id, r.last_name]))).toEqual(new Map(rows.map((r) => [r.id, r.last_name])));
  });

  it('finds which e-mail keys name a lead the caller may see', async () => {
    const keys = ['bulk-1@example.com', 'bulk-2@example.com', 'nobody@example.com'];
    expect(await inTenantTransaction(db, TENANTS.acme, (trx) => sut.existingKeys(trx, 'email_key', keys, 'all'))).toEqual(new Set(['bulk-1@example.com', 'bulk-2@example.com']));
    // Bulk-1 belongs to 1003, Bulk-2 to 1004.
    expect(await inTenantTransaction(db, TENANTS.acme, (trx) => sut.existingKeys(trx, 'email_key', keys, ['1003']))).toEqual(new Set(['bulk-1@example.com']));
    expect(await inTenantTransaction(db, TENANTS.acme, (trx) => sut.existingKeys(trx, 'email_key', keys, []))).toEqual(new Set());
    expect(await inTenantTransaction(db, TENANTS.globex, (trx) => sut.existingKeys(trx, 'email_key', keys, 'all'))).toEqual(new Set());
  });
});
