import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import type { Database } from '../database';
import { DATABASE } from '../directory.constants';
import { AccessTokensRepository, type AccessTokenRow } from './access-tokens.repository';

type AccessToken = crm.directory.v1.AccessToken;

export const ACCESS_TOKEN_SCOPES = ['read', 'write'] as const;

/** The SHA-256 a token is stored and looked up by. */
export function accessTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function toAccessToken(row: AccessTokenRow): AccessToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scopes: row.scopes,
    expiresAt: row.expires_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
    lastUsedAt: row.last_used_at ?? undefined,
    createdAt: row.created_at,
  };
}

export class AccessTokensError {
  static invalid(violations: FieldViolation[]): DomainError {
    return new DomainError('INVALID_ACCESS_TOKEN', ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'access_token', violations });
  }

  static notFound(id: string): DomainError {
    return new DomainError('ACCESS_TOKEN_NOT_FOUND', ErrorKind.NotFound, `access token ${id} not found`, { resource: 'access_token' });
  }
}

/**
 * Personal access tokens: 64 hexadecimal characters (256 random bits), as Sell's clients require,
 * kept only as a SHA-256. A user creates and revokes their own; an admin sees and revokes any of the tenant.
 */
@Injectable()
export class AccessTokensService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly tokens: AccessTokensRepository,
  ) {}

  async create(principal: Principal, input: { name: string; scopes: readonly string[]; expiresAt?: Date }): Promise<{ accessToken: AccessToken; token: string }> {
    const name = input.name.trim();
    const scopes = [...new Set(input.scopes.length > 0 ? input.scopes : ACCESS_TOKEN_SCOPES)].sort();
    const violations: FieldViolation[] = [];
    if (name.length === 0) violations.push({ field: 'name', code: 'blank', message: 'is required' });
    if (name.length > 255) violations.push({ field: 'name', code: 'incorrect_value', message: 'is longer than 255 characters' });
    if (!scopes.every((s) => (ACCESS_TOKEN_SCOPES as readonly string[]).includes(s))) violations.push({ field: 'scopes', code: 'incorrect_value', message: `must be read and/or write` });
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) violations.push({ field: 'expires_at', code: 'incorrect_value', message: 'must be in the future' });
    if (violations.length > 0) throw AccessTokensError.invalid(violations);
    const token = randomBytes(32).toString('hex');
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.tokens.insert(trx, { tenant_id: principal.tenantId, user_id: principal.userId, name, token_hash: accessTokenHash(token), scopes, expires_at: input.expiresAt ?? null });
      const accessToken = toAccessToken(row);
      await appendToOutbox(trx, buildEvent({ kind: 'accessTokenCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, row.id), payload: { accessToken, actorId: principal.userId } }));
      return { accessToken, token };
    });
  }

  async list(principal: Principal, q: { page: number; perPage: number; userId?: string }): Promise<AccessToken[]> {
    // Only admins see other users' tokens.
    const userId = principal.role === 'admin' ? q.userId : principal.userId;
    if (principal.role !== 'admin' && q.userId !== undefined && q.userId !== principal.userId) return [];
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const rows = await this.tokens.list(trx, { ...(userId !== undefined ? { userId } : {}), limit: q.perPage, offset: (q.page - 1) * q.perPage });
      return rows.map(toAccessToken);
    });
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.tokens.find(trx, id);
      if (!row || (principal.role !== 'admin' && row.user_id !== principal.userId)) throw AccessTokensError.notFound(id);
      if (row.revoked_at) return;
      await this.tokens.revoke(trx, id);
      const accessToken = toAccessToken((await this.tokens.find(trx, id))!);
      await appendToOutbox(trx, buildEvent({ kind: 'accessTokenRevoked', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { accessToken, actorId: principal.userId } }));
    });
  }
}

function subject(tenantId: string, id: string): string {
  return `tenants/${tenantId}/access-tokens/${id}`;
}
