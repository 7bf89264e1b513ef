import { Inject, Injectable } from '@nestjs/common';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { AccessTokensRepository } from '../access-tokens/access-tokens.repository';
import type { Database, Trx } from '../database';
import { DATABASE } from '../directory.constants';
import { KeycloakSyncWorker } from '../keycloak-sync/keycloak-sync.worker';
import { UsersRepository, type UserRow } from '../users/users.repository';

type Caller = crm.directory.v1.Caller;

/** How long a user the directory did not know stays unknown before it copies Keycloak again for them. */
const UNKNOWN_RETRY_MS = 10_000;

function unauthenticated(message: string): DomainError {
  return new DomainError('CALLER_NOT_ACTIVE', ErrorKind.Unauthenticated, message);
}

/**
 * Who a caller is: an active user of the tenant with the role and reporting line of the
 * directory's copy (user: self; manager: self and active direct reports; admin: the tenant). An
 * inactive or removed user, or a revoked or expired token, is no caller.
 */
@Injectable()
export class CallersService {
  private readonly recentlyUnknown = new Map<string, number>();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly tokens: AccessTokensRepository,
    private readonly sync: KeycloakSyncWorker,
  ) {}

  async resolveUser(tenantId: string, userId: string): Promise<Caller> {
    const found = await this.callerOf(tenantId, userId);
    if (found !== 'unknown') return found;
    // A user created in Keycloak moments ago: copy once more, at most every few seconds per user.
    const key = `${tenantId}:${userId}`;
    const last = this.recentlyUnknown.get(key);
    if (last === undefined || Date.now() - last > UNKNOWN_RETRY_MS) {
      this.recentlyUnknown.set(key, Date.now());
      if (this.recentlyUnknown.size > 10_000) this.recentlyUnknown.clear();
      await this.sync.passNow();
      const again = await this.callerOf(tenantId, userId);
      if (again !== 'unknown') return again;
    }
    throw unauthenticated(`user ${userId} is not a user of this account`);
  }

  async resolveAccessToken(tokenHash: Buffer): Promise<{ caller: Caller; tokenId: string; scopes: string[] }> {
    const tenantId = await this.tokens.tenantOf(this.db, tokenHash);
    if (!tenantId) throw unauthenticated('unknown access token');
    return inTenantTransaction(this.db, tenantId, async (trx) => {
      const token = await this.tokens.findByHash(trx, tokenHash);
      if (!token || token.revoked_at) throw unauthenticated('revoked access token');
      if (token.expires_at && token.expires_at.getTime() <= Date.now()) throw unauthenticated('expired access token');
      const user = await this.users.find(trx, token.user_id);
      if (!user) throw unauthenticated('unknown user');
      const caller = await this.callerFrom(trx, user);
      await this.tokens.touch(trx, token.id);
      return { caller, tokenId: token.id, scopes: token.scopes };
    });
  }

  private async callerOf(tenantId: string, userId: string): Promise<Caller | 'unknown'> {
    return inTenantTransaction(this.db, tenantId, async (trx) => {
      const user = await this.users.find(trx, userId);
      return user ? this.callerFrom(trx, user) : 'unknown';
    });
  }

  private async callerFrom(trx: Trx, user: UserRow): Promise<Caller> {
    if (user.status !== 'active' || user.deleted_at) throw unauthenticated(`user ${user.id} is deactivated`);
    const visibleOwnerIds = user.role === 'admin' ? [] : user.role === 'manager' ? [user.id, ...(await this.users.directReports(trx, user.id)).filter((id) => id !== user.id)] : [user.id];
    return { tenantId: user.tenant_id, userId: user.id, role: user.role, visibleOwnerIds, subject: user.subject };
  }
}
