import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Trx } from '../database';
import type { StoredSyncedFields, SyncedUser } from './keycloak-users';

export interface UsersTable {
  id: string;
  tenant_id: string;
  subject: string;
  name: string;
  email: string;
  role: string;
  status: string;
  invited: Generated<boolean>;
  confirmed: boolean;
  phone_number: string | null;
  timezone: string | null;
  reports_to: string | null;
  team_id: string | null;
  created_at: Date;
  updated_at: Generated<Date>;
  deleted_at: Date | null;
}

export interface UsersTables {
  users: UsersTable;
}

/** A user with its team, as reads return it. */
export type UserRow = Selectable<UsersTable> & { team_name: string | null; team_created_at: Date | null; team_updated_at: Date | null };

export const USER_SORT_COLUMNS = ['id', 'name', 'email', 'created_at', 'updated_at'] as const;
export type UserSortColumn = (typeof USER_SORT_COLUMNS)[number];

export interface UserFilter {
  ids: string[];
  name?: string;
  email?: string;
  role?: string;
  status?: string;
  reportsTo?: string;
  teamName?: string;
  teamId?: string;
  confirmed?: boolean;
  sort: { column: UserSortColumn; descending: boolean }[];
  limit: number;
  offset: number;
}

/** The only SQL about users and teams; runs inside tenant transactions (row-level security). */
@Injectable()
export class UsersRepository {
  async storedForSync(trx: Trx): Promise<StoredSyncedFields[]> {
    return trx.selectFrom('users').select(['id', 'subject', 'name', 'email', 'role', 'status', 'invited', 'confirmed', 'reports_to', 'deleted_at']).forUpdate().execute();
  }

  async insertSynced(trx: Trx, users: readonly SyncedUser[]): Promise<void> {
    if (users.length === 0) return;
    await trx
      .insertInto('users')
      .values(users.map((u) => ({ id: u.id, tenant_id: u.tenantId, subject: u.subject, name: u.name, email: u.email, role: u.role, status: u.status, invited: u.invited, confirmed: u.confirmed, reports_to: u.reportsTo, created_at: u.createdAt, phone_number: null, timezone: null, team_id: null, deleted_at: null })))
      .execute();
  }

  async updateSynced(trx: Trx, u: SyncedUser): Promise<void> {
    await trx
      .updateTable('users')
      .set({ subject: u.subject, name: u.name, email: u.email, role: u.role, status: u.status, invited: u.invited, confirmed: u.confirmed, reports_to: u.reportsTo, deleted_at: null, updated_at: sql`now()` })
      .where('id', '=', u.id)
      .execute();
  }

  /** The directory's own attributes of a user. */
  async updateOwn(trx: Trx, id: string, fields: { team_id?: string | null; phone_number?: string | null; timezone?: string | null }): Promise<void> {
    await trx.updateTable('users').set({ ...fields, updated_at: sql`now()` }).where('id', '=', id).execute();
  }

  async idsInTeam(trx: Trx, teamId: string): Promise<string[]> {
    return (await trx.selectFrom('users').select('id').where('team_id', '=', teamId).orderBy('id').execute()).map((r) => r.id);
  }

  /** Leaves a team's users without a team; answers their ids. */
  async leaveTeam(trx: Trx, teamId: string): Promise<string[]> {
    const rows = await trx.updateTable('users').set({ team_id: null, updated_at: sql`now()` }).where('team_id', '=', teamId).returning('id').execute();
    return rows.map((r) => r.id);
  }

  async markDeleted(trx: Trx, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await trx.updateTable('users').set({ status: 'inactive', deleted_at: sql`now()`, updated_at: sql`now()` }).where('id', 'in', ids).execute();
  }

  /** A fresh user id for an invitation. */
  async nextInvitedId(trx: Trx): Promise<string> {
    const { rows } = await sql<{ id: string }>`select nextval('invited_user_ids')::text as id`.execute(trx);
    return rows[0]!.id;
  }

  /** Whether a user of the tenant, not deleted, has this address (compared without case). */
  async emailTaken(trx: Trx, email: string): Promise<boolean> {
    const row = await trx.selectFrom('users').select('id').where(sql<string>`lower(email)`, '=', email.toLowerCase()).where('deleted_at', 'is', null).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async find(trx: Trx, id: string): Promise<UserRow | undefined> {
    return this.withTeam(trx).where('users.id', '=', id).executeTakeFirst();
  }

  /** The active users who report to a manager. */
  async directReports(trx: Trx, managerId: string): Promise<string[]> {
    const rows = await trx.selectFrom('users').select('id').where('reports_to', '=', managerId).where('status', '=', 'active').where('deleted_at', 'is', null).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  async findMany(trx: Trx, ids: readonly string[]): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    return this.withTeam(trx).where('users.id', 'in', ids).execute();
  }

  async list(trx: Trx, f: UserFilter): Promise<UserRow[]> {
    let q = this.withTeam(trx);
    if (f.ids.length > 0) q = q.where('users.id', 'in', f.ids);
    if (f.name !== undefined) q = q.where('users.name', '=', f.name);
    if (f.email !== undefined) q = q.where(sql`lower(users.email)`, '=', f.email.toLowerCase());
    if (f.role !== undefined) q = q.where('users.role', '=', f.role);
    if (f.status !== undefined) q = q.where('users.status', '=', f.status);
    if (f.reportsTo !== undefined) q = q.where('users.reports_to', '=', f.reportsTo);
    if (f.teamName !== undefined) q = q.where(sql`lower(teams.name)`, '=', f.teamName.toLowerCase());
    if (f.teamId !== undefined) q = q.where('users.team_id', '=', f.teamId);
    if (f.confirmed !== undefined) q = q.where('users.confirmed', '=', f.confirmed);
    for (const s of f.sort) q = q.orderBy(`users.${s.column}`, s.descending ? 'desc' : 'asc');
    if (!f.sort.some((s) => s.column === 'id')) q = q.orderBy('users.id', 'asc');
    return q.limit(f.limit).offset(f.offset).execute();
  }

  private withTeam(trx: Trx) {
    return trx
      .selectFrom('users')
      .leftJoin('teams', 'teams.id', 'users.team_id')
      .selectAll('users')
      .select(['teams.name as team_name', 'teams.created_at as team_created_at', 'teams.updated_at as team_updated_at']);
  }
}
