import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Database, Trx } from '../database';

export interface AccessTokensTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  name: string;
  token_hash: Buffer;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: Generated<Date>;
}

export interface AccessTokenTenantsTable {
  token_hash: Buffer;
  tenant_id: string;
}

export interface AccessTokensTables {
  access_tokens: AccessTokensTable;
  access_token_tenants: AccessTokenTenantsTable;
}

export type AccessTokenRow = Selectable<AccessTokensTable>;

/** The only SQL about access tokens; all but the tenant look-up run inside tenant transactions. */
@Injectable()
export class AccessTokensRepository {
  async insert(trx: Trx, row: { tenant_id: string; user_id: string; name: string; token_hash: Buffer; scopes: string[]; expires_at: Date | null }): Promise<AccessTokenRow> {
    await trx.insertInto('access_token_tenants').values({ token_hash: row.token_hash, tenant_id: row.tenant_id }).execute();
    return trx.insertInto('access_tokens').values({ ...row, revoked_at: null, last_used_at: null }).returningAll().executeTakeFirstOrThrow();
  }

  /** The tenant of a token, before any tenant is known. */
  async tenantOf(db: Database, tokenHash: Buffer): Promise<string | undefined> {
    return (await db.selectFrom('access_token_tenants').select('tenant_id').where('token_hash', '=', tokenHash).executeTakeFirst())?.tenant_id;
  }

  async findByHash(trx: Trx, tokenHash: Buffer): Promise<AccessTokenRow | undefined> {
    return trx.selectFrom('access_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async find(trx: Trx, id: string): Promise<AccessTokenRow | undefined> {
    return trx.selectFrom('access_tokens').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async list(trx: Trx, q: { userId?: string; limit: number; offset: number }): Promise<AccessTokenRow[]> {
    let query = trx.selectFrom('access_tokens').selectAll();
    if (q.userId !== undefined) query = query.where('user_id', '=', q.userId);
    return query.orderBy('id', 'asc').limit(q.limit).offset(q.offset).execute();
  }

  async revoke(trx: Trx, id: string): Promise<void> {
    await trx.updateTable('access_tokens').set({ revoked_at: sql`now()` }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** Notes a use, at most once a minute per token, so resolving stays a read almost always. */
  async touch(trx: Trx, id: string): Promise<void> {
    await trx
      .updateTable('access_tokens')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
      .execute();
  }
}
