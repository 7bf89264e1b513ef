import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { USERS_CLIENT } from '../gateway.constants';
import { SellHttpError } from '../sell/sell-error';
import { Upstream } from '../upstream';

/**
 * The directory's teams (a manager and their direct reports) as list filters. Who may own a record (reach, active user of the
 * tenant) is the rule of the service that writes it (OwnersModule of @crm/records).
 */
@Injectable()
export class TeamMembers {
  constructor(
    @Inject(USERS_CLIENT) private readonly users: crm.directory.v1.UsersServiceClient,
    private readonly upstream: Upstream,
  ) {}

  /** A team: its manager and the manager's active direct reports (400 when the manager is unknown). */
  async of(principal: Principal, managerId: string, param: string): Promise<string[]> {
    if (!(await this.find(principal, managerId))) throw SellHttpError.invalidParam(param, `${param} ${managerId} is not a user of this account`);
    const members = [managerId];
    for (let page = 1; ; page++) {
      const { users } = await this.upstream.call(this.users, this.users.listUsers, { page: { page, perPage: 100 }, ids: [], reportsTo: managerId, status: 'active', sort: [] }, principal);
      members.push(...users.map((u) => u.id).filter((id) => id !== managerId));
      if (users.length < 100) return members;
    }
  }

  /**
   * The owners a list is narrowed to by `owner_id` and/or `team_id` (both: the owner, who must be in
   * the team); empty when neither is given. The service intersects them with what the caller may see.
   */
  async narrow(principal: Principal, ownerId: string | undefined, teamId: string | undefined): Promise<string[]> {
    const team = teamId ? await this.of(principal, teamId, 'team_id') : undefined;
    if (!team) return ownerId ? [ownerId] : [];
    if (!ownerId) return team;
    if (!team.includes(ownerId)) throw SellHttpError.invalidParam('owner_id', 'owner_id is not in the team');
    return [ownerId];
  }

  private async find(principal: Principal, id: string): Promise<crm.directory.v1.User | undefined> {
    try {
      return (await this.upstream.call(this.users, this.users.getUser, { id }, principal)).user;
    } catch (e) {
      if (e instanceof DomainError && e.kind === ErrorKind.NotFound) return undefined;
      throw e;
    }
  }
}
