import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { USERS_CLIENT } from '../gateway.constants';
import { SellHttpError } from '../sell/sell-error';
import { Upstream } from '../upstream';

/**
 * An owner must be an active user of the caller's tenant, as the directory knows them.
 * Who may assign whom is the owning service's rule.
 */
@Injectable()
export class OwnerCheck {
  constructor(
    @Inject(USERS_CLIENT) private readonly users: crm.directory.v1.UsersServiceClient,
    private readonly upstream: Upstream,
  ) {}

  async assertUserOfTenant(principal: Principal, ownerId: string | undefined, resource: string): Promise<void> {
    if (!ownerId || ownerId === principal.userId) return;
    const user = await this.find(principal, ownerId);
    if (!user || user.status !== 'active') {
      throw SellHttpError.resource(resource, [{ field: 'owner_id', code: 'incorrect_value', message: 'is not a user of this account' }]);
    }
  }

  /** A team: its manager and the manager's active direct reports (400 when the manager is unknown). */
  async team(principal: Principal, managerId: string, param: string): Promise<string[]> {
    if (!(await this.find(principal, managerId))) throw SellHttpError.invalidParam(param, `${param} ${managerId} is not a user of this account`);
    const members = [managerId];
    for (let page = 1; ; page++) {
      const { users } = await this.upstream.call(this.users, this.users.listUsers, { page: { page, perPage: 100 }, ids: [], reportsTo: managerId, status: 'active', sort: [] }, principal);
      members.push(...users.map((u) => u.id).filter((id) => id !== managerId));
      if (users.length < 100) return members;
    }
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
