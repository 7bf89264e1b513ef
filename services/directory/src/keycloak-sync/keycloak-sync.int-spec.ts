import { sql } from 'kysely';
import type { Principal } from '@crm/auth';
import { createDatabase, inTenantTransaction, migrate } from '@crm/db-pg';
import { EVENT_TYPES } from '@crm/events';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import type { AccountsService } from '../accounts/accounts.service';
import type { Database, DirectoryDatabase } from '../database';
import { MIGRATIONS } from '../migrations';
import type { UsersService } from '../users/users.service';
import type { KeycloakSyncWorker } from './keycloak-sync.worker';
import { testKeycloak, testSyncWorker } from './keycloak-sync.test-setup';

const acmeUser = (tenantId: string): Principal => ({ tenantId, userId: '1003', role: 'user', visibleOwnerIds: ['1003'] });
/** acme-user3 in deploy/keycloak/realm-crm.json. */
const ACME_USER3 = '00000000-0000-4000-8000-000000001005';

describe('copying Keycloak users into the directory', () => {
  let database: TestDatabase;
  let db: Database;
  let users: UsersService;
  let accounts: AccountsService;
  let worker: KeycloakSyncWorker;
  const keycloak = testKeycloak();

  beforeAll(async () => {
    database = await createTestDatabase('it_directory_sync');
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });
    db = createDatabase<DirectoryDatabase>({ url: database.appUrl });
    ({ worker, users, accounts } = testSyncWorker(db, database.appUrl));
  });

  afterAll(async () => {
    await setEnabled(ACME_USER3, true);
    await db?.destroy();
    await database?.drop();
  });

  async function setEnabled(subject: string, enabled: boolean): Promise<void> {
    const user = await keycloak.user(subject);
    const res = await keycloak.request('PUT', `users/${subject}`, { ...user, enabled });
    if (res.status !== 204) throw new Error(`Keycloak answered ${res.status}`);
  }

  const events = async (tenantId: string) =>
    (await sql<{ event_type: string; partition_key: string }>`select event_type, partition_key from outbox where tenant_id = ${tenantId} order by id`.execute(db)).rows.map((r) => `${r.event_type.split('.').at(-2)}:${r.partition_key}`);

  it('copies every CRM user of each tenant with role, status and reporting line, and opens each tenant account', async () => {
    expect(await worker.syncAll()).toEqual({ failedTenants: [] });
    const acme = await users.list(acmeUser(TENANTS.acme), { ids: [], page: 1, perPage: 100, sort: [] });
    expect(acme.map((u) => [u.id, u.role, u.status, u.reportsTo ?? null, u.email])).toEqual([
      ['1001', 'admin', 'active', null, 'acme-admin@acme.example'],
      ['1002', 'manager', 'active', null, 'acme-manager@acme.example'],
      ['1003', 'user', 'active', '1002', 'acme-user1@acme.example'],
      ['1004', 'user', 'active', '1002', 'acme-user2@acme.example'],
      ['1005', 'user', 'active', null, 'acme-user3@acme.example'],
    ]);
    expect(acme[2]).toMatchObject({ name: 'Acme User One', subject: '00000000-0000-4000-8000-000000001003', confirmed: true, invited: false });
    // Tenants see only their own users.
    const globex = await users.list(acmeUser(TENANTS.globex), { ids: ['1001', '2001'], page: 1, perPage: 100, sort: [] });
    expect(globex.map((u) => u.id)).toEqual(['2001']);
    expect((await accounts.get(acmeUser(TENANTS.acme))).name).toBe('acme.example');
    expect(await events(TENANTS.acme)).toEqual(['created:1001', 'created:1002', 'created:1003', 'created:1004', 'created:1005']);
    expect(EVENT_TYPES.userCreated.type).toBe('com.pipewright.crm.directory.user.created.v1');
  });

  it('changes nothing and says nothing when nothing changed', async () => {
    const before = await events(TENANTS.acme);
    await worker.syncAll();
    expect(await events(TENANTS.acme)).toEqual(before);
  });

  it('follows a user disabled in Keycloak and back, with one event naming the change each time', async () => {
    const before = (await events(TENANTS.acme)).length;
    await setEnabled(ACME_USER3, false);
    await worker.syncAll();
    expect((await users.get(acmeUser(TENANTS.acme), '1005')).status).toBe('inactive');
    await setEnabled(ACME_USER3, true);
    await worker.syncAll();
    expect((await users.get(acmeUser(TENANTS.acme), '1005')).status).toBe('active');
    expect((await events(TENANTS.acme)).slice(before)).toEqual(['updated:1005', 'updated:1005']);
  });

  it('marks a user that Keycloak no longer has as deleted, keeping the row', async () => {
    await inTenantTransaction(db, TENANTS.acme, (trx) =>
      trx.insertInto('users').values({ id: '999001', tenant_id: TENANTS.acme, subject: 'gone', name: 'Gone', email: 'gone@acme.example', role: 'user', status: 'active', confirmed: true, created_at: new Date(), phone_number: null, timezone: null, reports_to: null, team_id: null, deleted_at: null }).execute(),
    );
    await worker.syncAll();
    const gone = await users.get(acmeUser(TENANTS.acme), '999001');
    expect(gone.status).toBe('inactive');
    expect(gone.deletedAt).toBeInstanceOf(Date);
    expect((await events(TENANTS.acme)).at(-1)).toBe('deleted:999001');
  });

  it('applies each change once when two replicas copy at the same moment', async () => {
    await setEnabled(ACME_USER3, false);
    const before = (await events(TENANTS.acme)).length;
    await Promise.all([worker.syncAll(), worker.syncAll()]);
    await setEnabled(ACME_USER3, true);
    expect((await events(TENANTS.acme)).slice(before)).toEqual(['updated:1005']);
  });
});
