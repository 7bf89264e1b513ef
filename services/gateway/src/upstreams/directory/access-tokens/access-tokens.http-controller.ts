import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody, pathId, sellDateTime } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { sellTime } from '../../../sell/sell-record';
import { Upstream } from '../../../upstream';
import { ACCESS_TOKENS_CLIENT } from '../directory.constants';

export const ACCESS_TOKEN_SCOPES = ['read', 'write'] as const;

export const AccessTokenCreate = z.strictObject({
  name: z.string().max(255),
  scopes: z.array(z.enum(ACCESS_TOKEN_SCOPES)).max(2).optional(),
  expires_at: sellDateTime.nullable().optional(),
});

export function presentAccessToken(t: crm.directory.v1.AccessToken) {
  return {
    id: Number(t.id),
    user_id: Number(t.userId),
    name: t.name,
    scopes: t.scopes,
    expires_at: sellTime(t.expiresAt),
    revoked_at: sellTime(t.revokedAt),
    last_used_at: sellTime(t.lastUsedAt),
    created_at: sellTime(t.createdAt),
  };
}

/**
 * Personal access tokens (beyond Sell's public API, where they are made in the web app): a user
 * creates, lists and revokes their own; an admin lists and revokes any of the tenant.
 */
@Controller('v2/access_tokens')
export class AccessTokensHttpController {
  constructor(
    @Inject(ACCESS_TOKENS_CLIENT) private readonly client: crm.directory.v1.AccessTokensServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, AccessTokenCreate, 'access_token');
    const request = { name: data.name, scopes: data.scopes ?? [], ...(data.expires_at ? { expiresAt: data.expires_at } : {}) };
    const { accessToken, token } = await this.upstream.call(this.client, this.client.createAccessToken, request, principal);
    return single('access_token', { ...presentAccessToken(accessToken!), token });
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = { page: { page, perPage }, userId: q.id('user_id') };
    q.assertNoUnknown();
    const { accessTokens } = await this.upstream.call(this.client, this.client.listAccessTokens, request, principal);
    return collection('access_token', accessTokens.map((t) => ({ data: presentAccessToken(t) })), pageLinks('/v2/access_tokens', q.normalised(), page, perPage, accessTokens.length === perPage));
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.revokeAccessToken, { id: pathId(id, 'access_token') }, principal);
  }
}
