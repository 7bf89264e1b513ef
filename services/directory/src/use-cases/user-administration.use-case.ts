import { Inject, Injectable } from '@nestjs/common';
import { REALM_ROLES, type KeycloakAdminClient, type Principal, type Role } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import type { Database, Trx } from '../database';
import type { DirectoryConfig } from '../config/directory.config';
import { CONFIG, DATABASE, KEYCLOAK_ADMIN } from '../directory.constants';
import { knownTimeZone } from '../time-zones';
import { KeycloakSyncWorker } from '../keycloak-sync/keycloak-sync.worker';
import { TeamsRepository } from '../teams/teams.repository';
import { TEAM_ATTRIBUTES } from '../teams/teams.service';
import { INVITED_AT } from '../users/keycloak-users';
import { UsersRepository, type UserRow } from '../users/users.repository';
import { UsersService } from '../users/users.service';

const ROLES: readonly Role[] = ['admin', 'manager', 'user'];
const STATUSES = ['active', 'inactive'];
/** What an invited user does through the email's link before the first sign-in. */
const INVITATION_ACTIONS = ['UPDATE_PASSWORD', 'VERIFY_EMAIL'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function adminOnly(principal: Principal): void {
  if (principal.role !== 'admin') throw new DomainError('USERS_ADMIN_ONLY', ErrorKind.PermissionDenied, 'only admins change users', { resource: 'user' });
}

/** Keycloak could not make or email the invitation; the cause stays for the logs. */
function notSent(advice: string, cause: unknown): DomainError {
  return Object.assign(new DomainError('INVITATION_NOT_SENT', ErrorKind.Unavailable, `the invitation could not be sent; ${advice}`, { resource: 'user' }), { cause });
}

/** The realm roles of a CRM role: every CRM user holds crm-user, and the stronger role on top. */
function realmRolesOf(role: Role): string[] {
  return role === 'user' ? [REALM_ROLES.user] : [REALM_ROLES[role], REALM_ROLES.user];
}

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
    @Inject(CONFIG) private readonly config: DirectoryConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(KEYCLOAK_ADMIN) private readonly keycloak: KeycloakAdminClient,
    private readonly users: UsersService,
    private readonly usersRows: UsersRepository,
    private readonly teams: TeamsRepository,
    private readonly sync: KeycloakSyncWorker,
  ) {}

  /**
   * An admin invites someone. The user is made in Keycloak (with the tenant, a fresh CRM id and the
   * role) and emailed a link to set a password and verify the address; if the email cannot be sent,
   * the Keycloak user is removed again, so a failed invitation leaves nothing behind.
   */
  async invite(principal: Principal, input: crm.directory.v1.UserInvitation): Promise<crm.directory.v1.User> {
    adminOnly(principal);
    const invitation = this.readInvitation(input);
    const id = await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const violations: FieldViolation[] = [];
      if (await this.usersRows.emailTaken(trx, invitation.email)) violations.push({ field: 'email', code: 'already_exists', message: 'belongs to a user of this account already' });
      violations.push(...(await this.checkReferences(trx, invitation)));
      if (violations.length > 0) throw invalid(violations);
      return this.usersRows.nextInvitedId(trx);
    }).then((first) => this.unclaimedId(principal.tenantId, first));
    const [firstName, ...rest] = invitation.name.split(/\s+/);
    const subject = await this.keycloak
      .createUser({
        username: invitation.email.toLowerCase(),
        email: invitation.email,
        firstName: firstName!,
        lastName: rest.join(' '),
        enabled: true,
        emailVerified: false,
        requiredActions: INVITATION_ACTIONS,
        attributes: { tenant_id: [principal.tenantId], crm_user_id: [id], [INVITED_AT]: [new Date().toISOString()], ...(invitation.reportsTo ? { manager_id: [invitation.reportsTo] } : {}) },
      })
      .catch((err: unknown) => {
        if (err instanceof DomainError && err.kind === ErrorKind.AlreadyExists) throw invalid([{ field: 'email', code: 'already_exists', message: 'belongs to a user already' }]);
        // Keycloak's user profile refuses some names and addresses (e.g. characters it forbids).
        if (err instanceof DomainError && err.kind === ErrorKind.InvalidArgument) {
          const field = /email|username/i.test(err.message) ? 'email' : 'name';
          throw invalid([{ field, code: 'incorrect_value', message: field === 'email' ? 'is not accepted as an address' : 'contains characters a name cannot have' }]);
        }
        throw err;
      });
    try {
      await this.keycloak.changeRealmRoles(subject, realmRolesOf(invitation.role), []);
      await this.keycloak.executeActionsEmail(subject, INVITATION_ACTIONS, this.config.invitations);
    } catch (err) {
      await this.keycloak.deleteUser(subject).catch(() => undefined);
      throw notSent('nothing was created, try again later', err);
    }
    await this.sync.passNow();
    const user = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.usersRows.find(trx, id));
    if (!user) throw new DomainError('INVITED_USER_NOT_SYNCED', ErrorKind.Unavailable, 'the invited user is not listed yet; it appears within a minute', { resource: 'user' });
    await this.writeOwn(principal.tenantId, user, { teamId: invitation.teamId, phoneNumber: invitation.phoneNumber, timezone: invitation.timezone });
    return this.users.get(principal, id);
  }

  /**
   * Keycloak is the source of the ids: one made there by hand, or left by a directory database
   * restored from an older backup, must not be handed out twice, so a taken id is skipped.
   */
  private async unclaimedId(tenantId: string, first: string): Promise<string> {
    let id = first;
    for (let attempt = 0; attempt < 1_000; attempt++) {
      if ((await this.keycloak.users(`crm_user_id:${id}`)).length === 0) return id;
      id = await inTenantTransaction(this.db, tenantId, (trx) => this.usersRows.nextInvitedId(trx));
    }
    throw new DomainError('NO_FREE_USER_ID', ErrorKind.Unavailable, 'no free user id was found; try again later', { resource: 'user' });
  }

  /** Emails an invited user who has not accepted yet a new link. */
  async resendInvitation(principal: Principal, id: string): Promise<crm.directory.v1.User> {
    adminOnly(principal);
    const user = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.usersRows.find(trx, id));
    if (!user || user.deleted_at) throw new DomainError('USER_NOT_FOUND', ErrorKind.NotFound, `user ${id} not found`, { resource: 'user' });
    if (!user.invited || user.confirmed) throw invalid([{ field: 'invited', code: 'incorrect_value', message: 'the user has no pending invitation' }]);
    if (user.status !== 'active') throw invalid([{ field: 'status', code: 'incorrect_value', message: 'the user is deactivated' }]);
    await this.keycloak.executeActionsEmail(user.subject, INVITATION_ACTIONS, this.config.invitations).catch((err: unknown) => {
      throw notSent('try again later', err);
    });
    return this.users.get(principal, id);
  }

  async update(principal: Principal, id: string, input: crm.directory.v1.UserInput, paths: readonly string[]): Promise<crm.directory.v1.User> {
    adminOnly(principal);
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
      const revoke = ROLES.filter((r) => r !== 'user' && r !== change.role).map((r) => REALM_ROLES[r]);
      await this.keycloak.changeRealmRoles(user.subject, realmRolesOf(change.role), revoke);
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
    violations.push(...(await this.checkReferences(trx, change, user)));
    if (violations.length > 0) throw invalid(violations);
  }

  /** The manager is an active user (not below `user` in the reporting line); the team exists. */
  private async checkReferences(trx: Trx, change: { reportsTo?: string | null; teamId?: string | null }, user?: UserRow): Promise<FieldViolation[]> {
    const violations: FieldViolation[] = [];
    if (change.reportsTo) {
      const manager = await this.usersRows.find(trx, change.reportsTo);
      if (!manager || manager.deleted_at || manager.status !== 'active') violations.push({ field: 'reports_to', code: 'incorrect_value', message: 'is not an active user of this account' });
      else if (user && (await this.reportsTo(trx, manager, user.id))) violations.push({ field: 'reports_to', code: 'incorrect_value', message: 'would make a reporting loop' });
    }
    if (change.teamId && !(await this.teams.find(trx, change.teamId))) violations.push({ field: 'team_id', code: 'incorrect_value', message: 'is not a team of this account' });
    return violations;
  }

  private readInvitation(input: crm.directory.v1.UserInvitation): { name: string; email: string; role: Role; reportsTo?: string; teamId?: string; phoneNumber?: string | null; timezone?: string | null } {
    const violations: FieldViolation[] = [];
    const name = input.name.trim().replace(/\s+/g, ' ');
    const email = input.email.trim();
    if (name.length === 0 || name.length > 255) violations.push({ field: 'name', code: name.length === 0 ? 'blank' : 'incorrect_value', message: name.length === 0 ? 'is required' : 'is longer than 255 characters' });
    if (!EMAIL.test(email) || email.length > 254) violations.push({ field: 'email', code: email.length === 0 ? 'blank' : 'incorrect_value', message: email.length === 0 ? 'is required' : 'is not an email address' });
    if (!(ROLES as readonly string[]).includes(input.role)) violations.push({ field: 'role', code: 'incorrect_value', message: 'must be admin, manager or user' });
    if (input.phoneNumber !== undefined && input.phoneNumber.length > 64) violations.push({ field: 'phone_number', code: 'incorrect_value', message: 'is longer than 64 characters' });
    if (input.timezone !== undefined && !knownTimeZone(input.timezone)) violations.push({ field: 'timezone', code: 'incorrect_value', message: 'is not an IANA time zone' });
    if (violations.length > 0) throw invalid(violations);
    return {
      name,
      email,
      role: input.role as Role,
      ...(input.reportsTo !== undefined ? { reportsTo: input.reportsTo } : {}),
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
      phoneNumber: input.phoneNumber?.trim() || undefined,
      timezone: input.timezone,
    };
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

  private async writeOwn(tenantId: string, user: UserRow, change: Pick<Change, 'teamId' | 'phoneNumber' | 'timezone'>): Promise<void> {
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
