import { sql } from 'kysely';
import type { Principal } from '@crm/auth';
import { createDatabase, inTenantTransaction, migrate } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { AccessTokensRepository } from '../access-tokens/access-tokens.repository';
import { accessTokenHash, AccessTokensService } from '../access-tokens/access-tokens.service';
import type { Database, DirectoryDatabase } from '../database';
import { MIGRATIONS } from '../migrations';
import type { KeycloakSyncWorker } from '../keycloak-sync/keycloak-sync.worker';
import { testSyncWorker } from '../keycloak-sync/keycloak-sync.test-setup';
import { UsersRepository } from '../users/users.repository';
import { CallersService } from './callers.service';

const as = (userId: string, role: Principal['role'] = 'user'): Principal => ({ tenantId: TENANTS.acme, userId, role, visibleOwnerIds: role === 'admin' ? 'all' : [userId] });

async function expectKind(p: Promise<unknown>, kind: ErrorKind): Promise<void> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).kind).toBe(kind);
}

describe('callers and access tokens', () => {
  let database: TestDatabase;
  let db: Database;
  let callers: CallersService;
  let tokens: AccessTokensService;
  let worker: KeycloakSyncWorker;

  beforeAll(async () => {
    database = await createTestDatabase('it_directory_callers');
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });
    db = createDatabase<DirectoryDatabase>({ url: database.appUrl });
    ({ worker } = testSyncWorker(db, database.appUrl));
    callers = new CallersService(db, new UsersRepository(), new AccessTokensRepository(), worker);
    tokens = new AccessTokensService(db, new AccessTokensRepository());
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('copies Keycloak on demand for a user it does not know yet, then answers their visibility', async () => {
    // Nothing copied yet: the first question makes the directory copy.
    expect(await callers.resolveUser(TENANTS.acme, '1002')).toEqual({ tenantId: TENANTS.acme, userId: '1002', role: 'manager', visibleOwnerIds: ['1002', '1003', '1004'], subject: '00000000-0000-4000-8000-000000001002' });
    expect(await callers.resolveUser(TENANTS.acme, '1001')).toMatchObject({ role: 'admin', visibleOwnerIds: [] });
    expect(await callers.resolveUser(TENANTS.acme, '1003')).toMatchObject({ role: 'user', visibleOwnerIds: ['1003'] });
    // A user of another tenant is no caller of this one.
    await expectKind(callers.resolveUser(TENANTS.acme, '2001'), ErrorKind.Unauthenticated);
  });

  it('refuses a deactivated user and leaves them out of their manager\'s reports', async () => {
    await inTenantTransaction(db, TENANTS.acme, (trx) => trx.updateTable('users').set({ status: 'inactive' }).where('id', '=', '1004').execute());
    await expectKind(callers.resolveUser(TENANTS.acme, '1004'), ErrorKind.Unauthenticated);
    expect((await callers.resolveUser(TENANTS.acme, '1002')).visibleOwnerIds).toEqual(['1002', '1003']);
    await worker.syncAll();
    expect((await callers.resolveUser(TENANTS.acme, '1002')).visibleOwnerIds).toEqual(['1002', '1003', '1004']);
  });

  it('keeps only a hash of a token, resolves it to its user until it is revoked, and records both events', async () => {
    const { accessToken, token } = await tokens.create(as('1003'), { name: 'ci', scopes: [] });
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const stored = await inTenantTransaction(db, TENANTS.acme, (trx) => trx.selectFrom('access_tokens').selectAll().where('id', '=', accessToken.id).executeTakeFirstOrThrow());
    expect(stored.token_hash.equals(accessTokenHash(token))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(token);
    const resolved = await callers.resolveAccessToken(accessTokenHash(token));
    expect(resolved).toMatchObject({ tokenId: accessToken.id, scopes: ['read', 'write'], caller: { userId: '1003', role: 'user', visibleOwnerIds: ['1003'] } });
    // Another user neither lists nor revokes it; an admin lists it.
    expect(await tokens.list(as('1004'), { page: 1, perPage: 100 })).toEqual([]);
    await expectKind(tokens.revoke(as('1004'), accessToken.id), ErrorKind.NotFound);
    expect((await tokens.list(as('1001', 'admin'), { page: 1, perPage: 100, userId: '1003' })).map((t) => t.id)).toEqual([accessToken.id]);
    await tokens.revoke(as('1003'), accessToken.id);
    await expectKind(callers.resolveAccessToken(accessTokenHash(token)), ErrorKind.Unauthenticated);
    const events = await sql<{ event_type: string }>`select event_type from outbox where partition_key = ${accessToken.id} and event_type like '%access-token%' order by id`.execute(db);
    expect(events.rows.map((r) => r.event_type)).toEqual(['com.pipewright.crm.directory.access-token.created.v1', 'com.pipewright.crm.directory.access-token.revoked.v1']);
  });

  it('refuses an expired token and a token of a deactivated user', async () => {
    const expiring = await tokens.create(as('1005'), { name: 'soon', scopes: ['read'], expiresAt: new Date(Date.now() + 300) });
    await new Promise((r) => setTimeout(r, 400));
    await expectKind(callers.resolveAccessToken(accessTokenHash(expiring.token)), ErrorKind.Unauthenticated);
    const other = await tokens.create(as('1005'), { name: 'user goes', scopes: ['read'] });
    await inTenantTransaction(db, TENANTS.acme, (trx) => trx.updateTable('users').set({ status: 'inactive' }).where('id', '=', '1005').execute());
    await expectKind(callers.resolveAccessToken(accessTokenHash(other.token)), ErrorKind.Unauthenticated);
    await expectKind(tokens.create(as('1005'), { name: ' ', scopes: ['admin'] }), ErrorKind.InvalidArgument);
  });
});
