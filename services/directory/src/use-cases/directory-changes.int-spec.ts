import { sql } from 'kysely';
import type { Principal } from '@crm/auth';
import { createDatabase, migrate } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { AccountsService } from '../accounts/accounts.service';
import type { Database, DirectoryDatabase } from '../database';
import { MIGRATIONS } from '../migrations';
import { testKeycloak, testSyncWorker } from '../sync/keycloak-sync.test-setup';
import { TeamsRepository } from '../teams/teams.repository';
import { TeamsService } from '../teams/teams.service';
import { UsersRepository } from '../users/users.repository';
import { UserAdministration } from './user-administration.use-case';

const admin: Principal = { tenantId: TENANTS.acme, userId: '1001', role: 'admin', visibleOwnerIds: 'all' };
const user: Principal = { tenantId: TENANTS.acme, userId: '1003', role: 'user', visibleOwnerIds: ['1003'] };

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
});
