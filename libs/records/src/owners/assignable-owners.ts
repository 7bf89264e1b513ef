import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import type { crm } from '@crm/proto';
import { assertOwnerAssignable } from '../record-owner';
import { DIRECTORY_USERS_CLIENT, OWNERS_OPTIONS, type OwnersOptions } from './owners.config';
import { TenantUsersRepository, type TenantUsersDatabase } from './tenant-users.repository';

export const OWNER_NOT_A_USER = 'OWNER_NOT_A_USER';

/** 422 on owner_id: the id names no active user of the tenant. */
export function ownerNotAUser(resource: string, ownerId: string): DomainError {
  return new DomainError(OWNER_NOT_A_USER, ErrorKind.InvalidArgument, `user ${ownerId} is not an active user of this account`, {
    resource,
    violations: [{ field: 'owner_id', code: 'incorrect_value', message: 'is not an active user of this account' }],
  });
}

/**
 * The owner rule of every record a service writes, whoever calls it (the gateway, an import, a
 * flow across services): the owner is within the caller's reach (a user assigns to themself, a
 * manager also to reports, an admin to anyone) and an active user of the tenant. Users come from
 * the service's copy of the directory's users (kept by their events); one it has not heard of yet
 * is asked of the directory once and remembered.
 */
@Injectable()
export class AssignableOwners {
  constructor(
    private readonly users: TenantUsersRepository,
    @Inject(DIRECTORY_USERS_CLIENT) private readonly directory: crm.directory.v1.UsersServiceClient,
    @Inject(OWNERS_OPTIONS) private readonly options: OwnersOptions,
  ) {}

  /** Throws 403 for an owner out of reach, 422 for one that is no active user of the tenant. */
  async assert<DB>(trx: Transaction<DB>, principal: Principal, ownerId: string, resource: string): Promise<void> {
    assertOwnerAssignable(principal, ownerId, resource);
    await this.assertActive(trx, principal, ownerId, resource);
  }

  /** Throws 422 when the owner is no active user of the tenant (its reach checked already). */
  async assertActive<DB>(trx: Transaction<DB>, principal: Principal, ownerId: string, resource: string): Promise<void> {
    if ((await this.inactive(trx, principal, [ownerId])).size > 0) throw ownerNotAUser(resource, ownerId);
  }

  /** Of these user ids, those that are no active user of the caller's tenant (the caller is active: the gateway resolved them). */
  async inactive<DB>(trx: Transaction<DB>, principal: Principal, userIds: readonly string[]): Promise<Set<string>> {
    const ids = [...new Set(userIds)].filter((id) => id !== principal.userId);
    const tx = trx as unknown as Transaction<TenantUsersDatabase>;
    const known = await this.users.find(tx, ids);
    for (const id of ids.filter((i) => !known.has(i))) known.set(id, await this.askDirectory(tx, principal, id));
    return new Set(ids.filter((id) => known.get(id) !== true));
  }

  private async askDirectory(trx: Transaction<TenantUsersDatabase>, principal: Principal, id: string): Promise<boolean> {
    try {
      const { user } = await callUnary(this.directory, this.directory.getUser, { id }, { principal, timeoutMs: this.options.directory.timeoutMs });
      if (!user) return false;
      const active = user.status === 'active';
      await this.users.describe(trx, principal.tenantId, { id, active, describedAt: user.updatedAt ?? new Date(0) });
      return active;
    } catch (e) {
      // Not found answers "no such user"; anything else (the directory down) fails the write, unassigned.
      if (e instanceof DomainError && e.kind === ErrorKind.NotFound) return false;
      throw e;
    }
  }
}
