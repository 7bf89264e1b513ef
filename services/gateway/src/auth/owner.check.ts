import { Inject, Injectable } from '@nestjs/common';
import type { KeycloakUserDirectory, Principal } from '@crm/auth';
import { USER_DIRECTORY } from '../gateway.constants';
import { SellHttpError } from '../sell/sell-error';

/**
 * An owner must be an active user of the caller's tenant; only the gateway knows the users.
 * Who may assign whom is the owning service's rule.
 */
@Injectable()
export class OwnerCheck {
  constructor(@Inject(USER_DIRECTORY) private readonly directory: KeycloakUserDirectory) {}

  async assertUserOfTenant(principal: Principal, ownerId: string | undefined, resource: string): Promise<void> {
    if (!ownerId || ownerId === principal.userId) return;
    const user = await this.directory.findUser(principal.tenantId, ownerId);
    if (!user || !user.enabled) {
      throw SellHttpError.resource(resource, [{ field: 'owner_id', code: 'incorrect_value', message: 'is not a user of this account' }]);
    }
  }

  /** A team: its manager and the manager's direct reports (400 when the manager is unknown). */
  async team(principal: Principal, managerId: string, param: string): Promise<string[]> {
    if (!(await this.directory.findUser(principal.tenantId, managerId))) throw SellHttpError.invalidParam(param, `${param} ${managerId} is not a user of this account`);
    return [managerId, ...(await this.directory.directReports(principal.tenantId, managerId))];
  }
}
