import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Principal, Role } from '@crm/auth';
import type { crm } from '@crm/proto';
import type { GatewayConfig } from '../config/gateway.config';
import { CALLERS_CLIENT, CONFIG } from '../gateway.constants';
import { Upstream } from '../upstream';

export interface ResolvedCaller {
  principal: Principal;
  /** What the rate limit counts by: the Keycloak user, or the access token. */
  subject: string;
  /** Access tokens only: `read` and/or `write`. */
  scopes?: readonly string[];
}

/** A personal access token as Sell's clients send it: exactly 64 hexadecimal characters. */
export const ACCESS_TOKEN = /^[0-9a-f]{64}$/;

function principalOf(caller: crm.directory.v1.Caller): Principal {
  return { tenantId: caller.tenantId, userId: caller.userId, role: caller.role as Role, visibleOwnerIds: caller.role === 'admin' ? 'all' : caller.visibleOwnerIds };
}

/**
 * Callers as the directory knows them, cached briefly: a user's role, reporting line and active
 * state (`CALLER_CACHE_TTL_MS`), and what an access token stands for (`ACCESS_TOKEN_CACHE_TTL_MS`),
 * so a deactivated user or a revoked token stops working within those times. Failures are not cached.
 */
@Injectable()
export class CallerDirectory {
  private readonly users?: LRUCache<string, Promise<ResolvedCaller>>;
  private readonly tokens?: LRUCache<string, Promise<ResolvedCaller>>;

  constructor(
    @Inject(CALLERS_CLIENT) private readonly client: crm.directory.v1.CallersServiceClient,
    @Inject(CONFIG) config: GatewayConfig,
    private readonly upstream: Upstream,
  ) {
    // A TTL of 0 asks the directory on every request.
    if (config.callers.userTtlMs > 0) this.users = new LRUCache({ max: 10_000, ttl: config.callers.userTtlMs });
    if (config.callers.accessTokenTtlMs > 0) this.tokens = new LRUCache({ max: 10_000, ttl: config.callers.accessTokenTtlMs });
  }

  user(tenantId: string, userId: string, subject: string): Promise<ResolvedCaller> {
    return this.cached(this.users, `${tenantId}:${userId}`, async () => {
      const { caller } = await this.upstream.call(this.client, this.client.resolveUser, { tenantId, userId }, undefined);
      return { principal: principalOf(caller!), subject };
    });
  }

  accessToken(token: string): Promise<ResolvedCaller> {
    const tokenHash = createHash('sha256').update(token, 'utf8').digest();
    return this.cached(this.tokens, tokenHash.toString('base64url'), async () => {
      const { caller, tokenId, scopes } = await this.upstream.call(this.client, this.client.resolveAccessToken, { tokenHash }, undefined);
      return { principal: principalOf(caller!), subject: `access-token:${tokenId}`, scopes };
    });
  }

  private cached(cache: LRUCache<string, Promise<ResolvedCaller>> | undefined, key: string, load: () => Promise<ResolvedCaller>): Promise<ResolvedCaller> {
    if (!cache) return load();
    const hit = cache.get(key);
    if (hit) return hit;
    const loading = load();
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
    return loading;
  }
}
