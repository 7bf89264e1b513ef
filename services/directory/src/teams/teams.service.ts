import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction, isUniqueViolation } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import type { Database } from '../database';
import { DATABASE } from '../directory.constants';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { TeamsRepository, type TeamRow } from './teams.repository';

type Team = crm.directory.v1.Team;

/** The user attributes a team's rename or deletion changes, as user.updated events name them. */
export const TEAM_ATTRIBUTES = ['team_name', 'group'];

const toTeam = (row: TeamRow): Team => ({ id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at });

export class TeamsError {
  static invalid(violations: FieldViolation[]): DomainError {
    return new DomainError('INVALID_TEAM', ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'team', violations });
  }

  static notFound(id: string): DomainError {
    return new DomainError('TEAM_NOT_FOUND', ErrorKind.NotFound, `team ${id} not found`, { resource: 'team' });
  }

  static adminOnly(): DomainError {
    return new DomainError('TEAMS_ADMIN_ONLY', ErrorKind.PermissionDenied, 'only admins change teams', { resource: 'team' });
  }
}

/** The tenant's teams: everyone reads them; admins create, rename and delete them. */
@Injectable()
export class TeamsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly teams: TeamsRepository,
    private readonly usersRows: UsersRepository,
    private readonly users: UsersService,
  ) {}

  async create(principal: Principal, name: string): Promise<Team> {
    this.assertAdmin(principal);
    const valid = validName(name);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const team = toTeam(await this.teams.insert(trx, principal.tenantId, valid).catch(nameTaken));
      await appendToOutbox(trx, buildEvent({ kind: 'teamCreated', tenantId: principal.tenantId, aggregateId: team.id, subject: subject(principal.tenantId, team.id), payload: { team } }));
      return team;
    });
  }

  async get(principal: Principal, id: string): Promise<Team> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.teams.find(trx, id);
      if (!row) throw TeamsError.notFound(id);
      return toTeam(row);
    });
  }

  async list(principal: Principal, q: { page: number; perPage: number; ids: string[]; name?: string }): Promise<Team[]> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => (await this.teams.list(trx, { ids: q.ids, ...(q.name !== undefined ? { name: q.name } : {}), limit: q.perPage, offset: (q.page - 1) * q.perPage })).map(toTeam));
  }

  async rename(principal: Principal, id: string, name: string): Promise<Team> {
    this.assertAdmin(principal);
    const valid = validName(name);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const before = await this.teams.find(trx, id, true);
      if (!before) throw TeamsError.notFound(id);
      if (before.name === valid) return toTeam(before);
      const team = toTeam(await this.teams.rename(trx, id, valid).catch(nameTaken));
      await appendToOutbox(trx, buildEvent({ kind: 'teamUpdated', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { team } }));
      await this.users.announceUpdated(trx, principal.tenantId, await this.usersRows.idsInTeam(trx, id), TEAM_ATTRIBUTES);
      return team;
    });
  }

  /** Deletes a team; its users are left without one. */
  async delete(principal: Principal, id: string): Promise<void> {
    this.assertAdmin(principal);
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      if (!(await this.teams.find(trx, id, true))) throw TeamsError.notFound(id);
      const members = await this.usersRows.leaveTeam(trx, id);
      await this.teams.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: 'teamDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { id } }));
      await this.users.announceUpdated(trx, principal.tenantId, members, TEAM_ATTRIBUTES);
    });
  }

  private assertAdmin(principal: Principal): void {
    if (principal.role !== 'admin') throw TeamsError.adminOnly();
  }
}

function validName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw TeamsError.invalid([{ field: 'name', code: 'blank', message: 'is required' }]);
  if (trimmed.length > 255) throw TeamsError.invalid([{ field: 'name', code: 'incorrect_value', message: 'is longer than 255 characters' }]);
  return trimmed;
}

function nameTaken(e: unknown): never {
  if (isUniqueViolation(e)) throw TeamsError.invalid([{ field: 'name', code: 'already_exists', message: 'is the name of another team' }]);
  throw e;
}

function subject(tenantId: string, id: string): string {
  return `tenants/${tenantId}/teams/${id}`;
}
