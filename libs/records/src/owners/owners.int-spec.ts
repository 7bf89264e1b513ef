import type { Kysely } from 'kysely';
import type { Principal } from '@crm/auth';
import { createDatabase, inTenantTransaction, migrate } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import { bindUnaryService, createGrpcClient, startGrpcServer, type CallContext, type GrpcServerHost } from '@crm/grpc';
import { KAFKA_MIGRATIONS } from '@crm/kafka';
import { crm } from '@crm/proto';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { RECORDS_MIGRATIONS } from '../migrations';
import { AssignableOwners } from './assignable-owners';
import { TenantUsersRepository, type TenantUsersDatabase } from './tenant-users.repository';

const admin: Principal = { tenantId: TENANTS.acme, userId: '1001', role: 'admin', visibleOwnerIds: 'all' };
const user: Principal = { tenantId: TENANTS.acme, userId: '1003', role: 'user', visibleOwnerIds: ['1003'] };

/** The directory as this test runs it: a gRPC UsersService over a map of users, counting its calls. */
const directoryUsers = new Map<string, { status: string; updatedAt: Date }>();
const asked: string[] = [];
const usersService = {
  getUser: async (request: { id: string }, ctx: CallContext) => {
    asked.push(`${ctx.principal.tenantId}:${request.id}`);
    const u = directoryUsers.get(request.id);
    if (!u) throw new DomainError('USER_NOT_FOUND', ErrorKind.NotFound, `user ${request.id} not found`);
    return { user: { id: request.id, name: 'U', email: 'u@acme.example', role: 'user', status: u.status, updatedAt: u.updatedAt } };
  },
  listUsers: async () => ({ users: [] }),
  ...Object.fromEntries(
    ['updateUser', 'inviteUser', 'resendInvitation'].map((name) => [
      name,
      async () => {
        throw new DomainError('NOT_HERE', ErrorKind.FailedPrecondition, 'not served by this stand-in');
      },
    ]),
  ),
};

describe('the owner rule against the tenants\' users', () => {
  let database: TestDatabase;
  let db: Kysely<TenantUsersDatabase>;
  let host: GrpcServerHost;
  let owners: AssignableOwners;
  const repository = new TenantUsersRepository();

  beforeAll(async () => {
    database = await createTestDatabase('it_records_owners');
    await migrate(database.ownerUrl, [KAFKA_MIGRATIONS, ...RECORDS_MIGRATIONS], { runtimeRole: TEST_APP_ROLE });
    db = createDatabase<TenantUsersDatabase>({ url: database.appUrl });
    const definition = crm.directory.v1.UsersServiceService;
    host = await startGrpcServer('127.0.0.1', 0, [{ definition, implementation: bindUnaryService(definition, usersService as never, { error: () => undefined, info: () => undefined }), name: 'crm.directory.v1.UsersService' }]);
    const client = createGrpcClient(crm.directory.v1.UsersServiceClient, `127.0.0.1:${host.port}`);
    owners = new AssignableOwners(repository, client, { directory: { grpcUrl: `127.0.0.1:${host.port}`, timeoutMs: 5_000 }, consumerGroup: undefined });
  });

  afterAll(async () => {
    await host?.shutdown();
    await db?.destroy();
    await database?.drop();
  });

  const inactive = (principal: Principal, ids: string[]) => inTenantTransaction(db, principal.tenantId, (trx) => owners.inactive(trx, principal, ids));
  const assert = (principal: Principal, id: string) => inTenantTransaction(db, principal.tenantId, (trx) => owners.assert(trx, principal, id, 'lead'));

  it('asks the directory about a user once, then answers from its copy', async () => {
    directoryUsers.set('1004', { status: 'active', updatedAt: new Date('2026-01-01T00:00:00Z') });
    directoryUsers.set('1005', { status: 'inactive', updatedAt: new Date('2026-01-01T00:00:00Z') });
    asked.length = 0;
    expect(await inactive(admin, ['1004', '1005', '999', '1004'])).toEqual(new Set(['1005', '999']));
    expect(asked.sort()).toEqual([`${TENANTS.acme}:1004`, `${TENANTS.acme}:1005`, `${TENANTS.acme}:999`]);
    asked.length = 0;
    expect(await inactive(admin, ['1004', '1005'])).toEqual(new Set(['1005']));
    expect(asked).toEqual([]);
    // The caller is active (the gateway resolved them) and never asked about.
    expect(await inactive(user, ['1003'])).toEqual(new Set());
    expect(asked).toEqual([]);
  });

  it('keeps the newest description: an event older than what it knows changes nothing', async () => {
    const later = new Date('2026-02-01T00:00:00Z');
    await inTenantTransaction(db, TENANTS.acme, (trx) => repository.describe(trx, TENANTS.acme, { id: '1004', active: false, describedAt: later }));
    expect(await inactive(admin, ['1004'])).toEqual(new Set(['1004']));
    await inTenantTransaction(db, TENANTS.acme, (trx) => repository.describe(trx, TENANTS.acme, { id: '1004', active: true, describedAt: new Date('2026-01-15T00:00:00Z') }));
    expect(await inactive(admin, ['1004'])).toEqual(new Set(['1004']));
    await inTenantTransaction(db, TENANTS.acme, (trx) => repository.describe(trx, TENANTS.acme, { id: '1004', active: true, describedAt: new Date('2026-03-01T00:00:00Z') }));
    expect(await inactive(admin, ['1004'])).toEqual(new Set());
  });

  it('refuses an owner out of reach (403) and one that is no active user (422)', async () => {
    await expect(assert(user, '1004')).rejects.toMatchObject({ kind: ErrorKind.PermissionDenied });
    await expect(assert(admin, '1005')).rejects.toMatchObject({ kind: ErrorKind.InvalidArgument, details: { violations: [{ field: 'owner_id', code: 'incorrect_value' }] } });
    await expect(assert(admin, '1004')).resolves.toBeUndefined();
  });

  it('keeps each tenant\'s users apart', async () => {
    const globexAdmin: Principal = { tenantId: TENANTS.globex, userId: '2001', role: 'admin', visibleOwnerIds: 'all' };
    asked.length = 0;
    // acme's copy says 1004 is active; globex has not heard of it and asks, as globex.
    directoryUsers.delete('1004');
    expect(await inactive(globexAdmin, ['1004'])).toEqual(new Set(['1004']));
    expect(asked).toEqual([`${TENANTS.globex}:1004`]);
  });

  it('fails the write, assigning nothing, when the directory cannot answer', async () => {
    await host.shutdown();
    await expect(inactive(admin, ['4242'])).rejects.toBeInstanceOf(DomainError);
  });
});
