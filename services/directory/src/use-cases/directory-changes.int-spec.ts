import { sql } from 'kysely';
import type { Principal } from '@crm/auth';
import { createDatabase, migrate } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import { createTestDatabase, stack, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { AccountsService } from '../accounts/accounts.service';
import type { Database, DirectoryDatabase } from '../database';
import { MIGRATIONS } from '../migrations';
import { testKeycloak, testSyncWorker } from '../keycloak-sync/keycloak-sync.test-setup';
import { TeamsRepository } from '../teams/teams.repository';
import { TeamsService } from '../teams/teams.service';
import { UsersRepository } from '../users/users.repository';
import { UserAdministration } from './user-administration.use-case';

const admin: Principal = { tenantId: TENANTS.acme, userId: '1001', role: 'admin', visibleOwnerIds: 'all' };
const user: Principal = { tenantId: TENANTS.acme, userId: '1003', role: 'user', visibleOwnerIds: ['1003'] };
const initechAdmin: Principal = { tenantId: TENANTS.initech, userId: '3001', role: 'admin', visibleOwnerIds: 'all' };

/** The realm's settings through the master realm's admin (the directory's account may not change them). */
async function realmAdmin() {
  const token = await fetch(`${stack.KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' }),
  }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
  const url = `${stack.KEYCLOAK_URL}/admin/realms/${stack.KEYCLOAK_REALM}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    smtp: async () => ((await (await fetch(url, { headers })).json()) as { smtpServer: Record<string, string> }).smtpServer,
    setSmtp: async (smtpServer: Record<string, string>) => {
      const res = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ smtpServer }) });
      if (!res.ok) throw new Error(`Keycloak answered ${res.status} to the realm change`);
    },
  };
}

describe('changes made in the directory and their events', () => {
  let database: TestDatabase;
  let db: Database;
  let teams: TeamsService;
  let accounts: AccountsService;
  let administration: UserAdministration;

  beforeAll(async () => {
    database = await createTestDatabase('it_directory_changes');
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });
    db = createDatabase<DirectoryDatabase>({ url: database.appUrl });
    const { worker, users, accounts: accountsService, config } = testSyncWorker(db, database.appUrl);
    await worker.syncAll();
    accounts = accountsService;
    teams = new TeamsService(db, new TeamsRepository(), new UsersRepository(), users);
    administration = new UserAdministration(config, db, testKeycloak(), users, new UsersRepository(), new TeamsRepository(), worker);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  /** Outbox events after `from`, as `type:key changed…`. */
  const eventsSince = async (from: number) =>
    (await sql<{ id: string; event_type: string; partition_key: string }>`select id, event_type, partition_key from outbox where tenant_id = ${TENANTS.acme} and id > ${from} order by id`.execute(db)).rows.map(
      (r) => `${r.event_type.replace('com.pipewright.crm.directory.', '').replace(/\.v1$/, '')}:${r.partition_key}`,
    );
  const lastEventId = async () => Number((await sql<{ id: string | null }>`select max(id) as id from outbox`.execute(db)).rows[0]!.id ?? 0);

  it('records a team\'s life and each member\'s change in the same transactions', async () => {
    const from = await lastEventId();
    const team = await teams.create(admin, 'North');
    await administration.update(admin, '1003', { teamId: team.id, phoneNumber: '+1 555 0101' }, ['team_id', 'phone_number']);
    await teams.rename(admin, team.id, 'Northwest');
    await teams.delete(admin, team.id);
    expect(await eventsSince(from)).toEqual([
      `team.created:${team.id}`, 'user.updated:1003', `team.updated:${team.id}`, 'user.updated:1003', `team.deleted:${team.id}`, 'user.updated:1003',
    ]);
    const refused = await teams.create(user, 'Mine').catch((e: unknown) => e);
    expect((refused as DomainError).kind).toBe(ErrorKind.PermissionDenied);
  });

  it('records an account change with what changed, and nothing for a change that changes nothing', async () => {
    const from = await lastEventId();
    const account = await accounts.update(admin, { currency: 'eur', timezone: 'Europe/Paris' }, ['currency', 'timezone']);
    expect(account).toMatchObject({ currency: 'EUR', timezone: 'Europe/Paris' });
    await accounts.update(admin, { currency: 'EUR' }, ['currency']);
    expect(await eventsSince(from)).toEqual([`account.updated:${account.id}`]);
    const invalid = await accounts.update(admin, { timeFormat: '25H' }, ['time_format']).catch((e: unknown) => e);
    expect((invalid as DomainError).details.violations?.map((v) => v.field)).toEqual(['time_format']);
  });

  it('leaves no user behind, in Keycloak or here, when the invitation email cannot be sent', async () => {
    const realm = await realmAdmin();
    const smtp = await realm.smtp();
    const email = `unsent.${Date.now().toString(36)}@initech.example`;
    const from = await lastEventId();
    // Nothing listens on port 1: Keycloak cannot hand the email over.
    await realm.setSmtp({ ...smtp, port: '1' });
    try {
      await expect(administration.invite(initechAdmin, { name: 'Never Sent', email, role: 'user' })).rejects.toMatchObject({ kind: ErrorKind.Unavailable });
    } finally {
      await realm.setSmtp(smtp);
    }
    expect(await testKeycloak().get('users', { email, exact: 'true' })).toEqual([]);
    expect((await sql<{ n: number }>`select count(*)::int as n from outbox where id > ${from}`.execute(db)).rows[0]!.n).toBe(0);
    // The address is free again: the same invitation goes through once the mail server answers.
    await expect(administration.invite(initechAdmin, { name: 'Sent Now', email, role: 'user' })).resolves.toMatchObject({ email, invited: true, confirmed: false });
  });
});
