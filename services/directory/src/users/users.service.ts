import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import type { Database, Trx } from '../database';
import { DATABASE } from '../directory.constants';
import { planUserSync, type SyncedUser, type UserSyncPlan } from './keycloak-users';
import { USER_SORT_COLUMNS, UsersRepository, type UserFilter, type UserRow, type UserSortColumn } from './users.repository';

type User = crm.directory.v1.User;

export class UsersError {
  static invalid(violations: FieldViolation[]): DomainError {
    return new DomainError('INVALID_USER_QUERY', ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'user', violations });
  }

  static notFound(id: string): DomainError {
    return new DomainError('USER_NOT_FOUND', ErrorKind.NotFound, `user ${id} not found`, { resource: 'user' });
  }
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    subject: row.subject,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    invited: row.invited,
    confirmed: row.confirmed,
    phoneNumber: row.phone_number ?? undefined,
    timezone: row.timezone ?? undefined,
    reportsTo: row.reports_to ?? undefined,
    team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name, createdAt: row.team_created_at ?? undefined, updatedAt: row.team_updated_at ?? undefined } : undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at ?? undefined,
  };
}

export type UserQuery = Omit<UserFilter, 'sort' | 'limit' | 'offset'> & { page: number; perPage: number; sort: { field: string; descending: boolean }[] };

/** The tenant's users as the CRM sees them: every user of the tenant reads them. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly users: UsersRepository,
  ) {}

  async get(principal: Principal, id: string): Promise<User> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.users.find(trx, id);
      if (!row) throw UsersError.notFound(id);
      return toUser(row);
    });
  }

  async list(principal: Principal, q: UserQuery): Promise<User[]> {
    const sort = q.sort.map((s) => {
      if (!(USER_SORT_COLUMNS as readonly string[]).includes(s.field)) throw UsersError.invalid([{ field: 'sort_by', code: 'incorrect_value', message: `cannot sort by ${s.field}` }]);
      return { column: s.field as UserSortColumn, descending: s.descending };
    });
    const { page, perPage, ...filter } = q;
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const rows = await this.users.list(trx, { ...filter, sort, limit: perPage, offset: (page - 1) * perPage });
      return rows.map(toUser);
    });
  }

  /** Records a user.updated event for each of `ids`, naming what changed, in the caller's transaction. */
  async announceUpdated(trx: Trx, tenantId: string, ids: readonly string[], changed: string[]): Promise<void> {
    const rows = await this.users.findMany(trx, ids);
    await appendToOutbox(trx, rows.map((row) => userEvent(tenantId, toUser(row), changed, false)));
  }

  /**
   * Brings one tenant's users in line with Keycloak's copy and records an event per change. A
   * lock per tenant makes replicas that copy at the same moment apply each change once.
   */
  async applySync(tenantId: string, fresh: readonly SyncedUser[]): Promise<UserSyncPlan> {
    return inTenantTransaction(this.db, tenantId, async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`directory-sync:${tenantId}`}))`.execute(trx);
      const plan = planUserSync(await this.users.storedForSync(trx), fresh);
      await this.users.insertSynced(trx, plan.created);
      for (const { user } of plan.updated) await this.users.updateSynced(trx, user);
      await this.users.markDeleted(trx, plan.deleted);
      const changed = new Map<string, string[]>(plan.updated.map((u) => [u.user.id, u.changed]));
      const rows = await this.users.findMany(trx, [...plan.created.map((u) => u.id), ...changed.keys(), ...plan.deleted]);
      await appendToOutbox(trx, rows.map((row) => userEvent(tenantId, toUser(row), changed.get(row.id), plan.deleted.includes(row.id))));
      return plan;
    });
  }
}

function userEvent(tenantId: string, user: User, changed: string[] | undefined, deleted: boolean) {
  const base = { tenantId, aggregateId: user.id, subject: `tenants/${tenantId}/users/${user.id}` };
  if (changed) return buildEvent({ ...base, kind: 'userUpdated', payload: { user, changed } });
  return buildEvent({ ...base, kind: deleted ? 'userDeleted' : 'userCreated', payload: { user } });
}
