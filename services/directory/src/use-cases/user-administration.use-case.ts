import { Inject, Injectable } from '@nestjs/common';
import { REALM_ROLES, type KeycloakAdminClient, type Principal, type Role } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import type { Database, Trx } from '../database';
import { DATABASE, KEYCLOAK_ADMIN } from '../directory.constants';
import { knownTimeZone } from '../time-zones';
import { KeycloakSyncWorker } from '../sync/keycloak-sync.worker';
import { TeamsRepository } from '../teams/teams.repository';
import { TEAM_ATTRIBUTES } from '../teams/teams.service';
import { UsersRepository, type UserRow } from '../users/users.repository';
import { UsersService } from '../users/users.service';

const ROLES: readonly Role[] = ['admin', 'manager', 'user'];
const STATUSES = ['active', 'inactive'];

function invalid(violations: FieldViolation[]): DomainError {
  return new DomainError('INVALID_USER', ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'user', violations });
}

interface Change {
  status?: string;
  role?: Role;
  reportsTo?: string | null;
  teamId?: string | null;
  phoneNumber?: string | null;
  timezone?: string | null;
}

/**
 * An admin changes a user. What Keycloak owns (enabled state, realm role, manager) is written there
 * first and then copied back, so the directory and its events follow the identity source; what
 * the directory owns (team, phone number, time zone) is written here with its event.
 */
@Injectable()
export class UserAdministration {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(KEYCLOAK_ADMIN) private readonly keycloak: KeycloakAdminClient,
    private readonly users: UsersService,
    private readonly usersRows: UsersRepository,
    private readonly teams: TeamsRepository,
    private readonly sync: KeycloakSyncWorker,
  ) {}

  async update(principal: Principal, id: string, input: crm.directory.v1.UserInput, paths: readonly string[]): Promise<crm.directory.v1.User> {
    if (principal.role !== 'admin') throw new DomainError('USERS_ADMIN_ONLY', ErrorKind.PermissionDenied, 'only admins change users', { resource: 'user' });
    const change = this.read(input, paths);
    const user = await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.usersRows.find(trx, id);
      if (!row || row.deleted_at) throw new DomainError('USER_NOT_FOUND', ErrorKind.NotFound, `user ${id} not found`, { resource: 'user' });
      await this.check(trx, principal, row, change);
      return row;
    });
    const inKeycloak = change.status !== undefined || change.role !== undefined || change.reportsTo !== undefined;
    if (change.status !== undefined && change.status !== user.status) await this.keycloak.updateUser(user.subject, { enabled: change.status === 'active' });
    if (change.reportsTo !== undefined && change.reportsTo !== user.reports_to) await this.keycloak.updateUser(user.subject, { attributes: { manager_id: change.reportsTo ? [change.reportsTo] : [] } });
    if (change.role !== undefined && change.role !== user.role) {
      const grant = change.role === 'user' ? [] : [REALM_ROLES[change.role]];
      const revoke = ROLES.filter((r) => r !== 'user' && r !== change.role).map((r) => REALM_ROLES[r]);
      // Every CRM user keeps crm-user; the stronger role is the one granted.
      await this.keycloak.changeRealmRoles(user.subject, [...grant, REALM_ROLES.user], revoke);
    }
    await this.writeOwn(principal.tenantId, user, change);
    if (inKeycloak) await this.sync.passNow();
    return this.users.get(principal, id);
  }

  private read(input: crm.directory.v1.UserInput, paths: readonly string[]): Change {
    const violations: FieldViolation[] = [];
    const change: Change = {};
    for (const path of paths) {
      switch (path) {
        case 'status':
          if (!input.status || !STATUSES.includes(input.status)) violations.push({ field: 'status', code: 'incorrect_value', message: 'must be active or inactive' });
          else change.status = input.status;
          break;
        case 'role':
          if (!input.role || !(ROLES as readonly string[]).includes(input.role)) violations.push({ field: 'role', code: 'incorrect_value', message: 'must be admin, manager or user' });
          else change.role = input.role as Role;
          break;
        case 'reports_to':
          change.reportsTo = input.reportsTo ?? null;
          break;
        case 'team_id':
          change.teamId = input.teamId ?? null;
          break;
        case 'phone_number':
          if (input.phoneNumber !== undefined && input.phoneNumber.length > 64) violations.push({ field: 'phone_number', code: 'incorrect_value', message: 'is longer than 64 characters' });
          else change.phoneNumber = input.phoneNumber?.trim() || null;
          break;
        case 'timezone':
          if (input.timezone !== undefined && !knownTimeZone(input.timezone)) violations.push({ field: 'timezone', code: 'incorrect_value', message: 'is not an IANA time zone' });
          else change.timezone = input.timezone ?? null;
          break;
        default:
          violations.push({ field: path, code: 'unknown', message: 'is not a known attribute' });
      }
    }
    if (violations.length > 0) throw invalid(violations);
    return change;
  }

  private async check(trx: Trx, principal: Principal, user: UserRow, change: Change): Promise<void> {
    const violations: FieldViolation[] = [];
    if (user.id === principal.userId && change.status === 'inactive') violations.push({ field: 'status', code: 'incorrect_value', message: 'an admin cannot deactivate themself' });
    if (user.id === principal.userId && change.role !== undefined && change.role !== 'admin') violations.push({ field: 'role', code: 'incorrect_value', message: 'an admin cannot give up their own admin role' });
    if (change.reportsTo) {
      const manager = await this.usersRows.find(trx, change.reportsTo);
      if (!manager || manager.deleted_at || manager.status !== 'active') violations.push({ field: 'reports_to', code: 'incorrect_value', message: 'is not an active user of this account' });
      else if (await this.reportsTo(trx, manager, user.id)) violations.push({ field: 'reports_to', code: 'incorrect_value', message: 'would make a reporting loop' });
    }
    if (change.teamId && !(await this.teams.find(trx, change.teamId))) violations.push({ field: 'team_id', code: 'incorrect_value', message: 'is not a team of this account' });
    if (violations.length > 0) throw invalid(violations);
  }

  /** Whether `from`, or anyone above them, is `target`. */
  private async reportsTo(trx: Trx, from: UserRow, target: string): Promise<boolean> {
    const seen = new Set<string>();
    for (let current: UserRow | undefined = from; current && !seen.has(current.id); current = current.reports_to ? await this.usersRows.find(trx, current.reports_to) : undefined) {
      if (current.id === target) return true;
      seen.add(current.id);
    }
    return false;
  }

  private async writeOwn(tenantId: string, user: UserRow, change: Change): Promise<void> {
    const fields: { team_id?: string | null; phone_number?: string | null; timezone?: string | null } = {};
    const changed: string[] = [];
    if (change.teamId !== undefined && change.teamId !== user.team_id) {
      fields.team_id = change.teamId;
      changed.push(...TEAM_ATTRIBUTES);
    }
    if (change.phoneNumber !== undefined && change.phoneNumber !== user.phone_number) {
      fields.phone_number = change.phoneNumber;
      changed.push('phone_number');
    }
    if (change.timezone !== undefined && change.timezone !== user.timezone) {
      fields.timezone = change.timezone;
      changed.push('timezone');
    }
    if (changed.length === 0) return;
    await inTenantTransaction(this.db, tenantId, async (trx) => {
      await this.usersRows.updateOwn(trx, user.id, fields);
      await this.users.announceUpdated(trx, tenantId, [user.id], changed);
    });
  }
}
