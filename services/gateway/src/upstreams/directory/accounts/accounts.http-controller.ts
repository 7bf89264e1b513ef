import { Body, Controller, Delete, Get, Inject, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody } from '../../../sell/sell-body';
import { single } from '../../../sell/sell-envelope';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { sellTime } from '../../../sell/sell-record';
import { Upstream } from '../../../upstream';
import { CONFIG } from '../../../gateway.constants';
import type { GatewayConfig } from '../../../config/gateway.config';
import { readRawBody } from '../../../sell/raw-body';
import { ACCOUNTS_CLIENT } from '../directory.constants';

const ignored = z.unknown().optional();

/** An admin's change to the account settings (beyond Sell, where the account is read-only). */
export const AccountUpdate = z.strictObject({
  name: z.string().max(255).optional(),
  currency: z.string().max(3).optional(),
  time_format: z.string().max(3).optional(),
  timezone: z.string().max(64).optional(),
  phone: z.string().max(64).nullable().optional(),
  id: ignored,
  created_at: ignored,
  updated_at: ignored,
});

function toAccountInput(data: z.infer<typeof AccountUpdate>): { account: crm.directory.v1.AccountInput; updateMask: string[] } {
  const { name, currency, time_format: timeFormat, timezone, phone } = data;
  const account: crm.directory.v1.AccountInput = { name, currency, timeFormat, timezone, phone: phone ?? undefined };
  const updateMask = (['name', 'currency', 'time_format', 'timezone', 'phone'] as const).filter((k) => data[k] !== undefined);
  return { account, updateMask };
}

export function presentAccount(a: crm.directory.v1.Account) {
  return {
    id: Number(a.id),
    name: a.name,
    currency: a.currency,
    time_format: a.timeFormat,
    timezone: a.timezone,
    phone: a.phone ?? null,
    logo: a.logo ? { content_type: a.logo.contentType, size: Number(a.logo.size), sha256: a.logo.sha256, updated_at: sellTime(a.logo.updatedAt), url: '/v2/accounts/self/logo' } : null,
    created_at: sellTime(a.createdAt),
    updated_at: sellTime(a.updatedAt),
  };
}

/** Sell `/v2/accounts/self`: the caller's account settings; admins change them. */
@Controller('v2/accounts')
export class AccountsHttpController {
  constructor(
    @Inject(ACCOUNTS_CLIENT) private readonly client: crm.directory.v1.AccountsServiceClient,
    private readonly upstream: Upstream,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('self')
  async self(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    new SellQuery(raw).assertNoUnknown();
    const { account } = await this.upstream.call(this.client, this.client.getAccount, {}, principal);
    return single('account', presentAccount(account!));
  }

  @Put('self')
  async update(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = toAccountInput(parseSellBody(body, AccountUpdate, 'account'));
    const { account } = await this.upstream.call(this.client, this.client.updateAccount, request, principal);
    return single('account', presentAccount(account!));
  }

  /** The logo's bytes, with its type; revalidated by its SHA-256 as ETag. */
  @Get('self/logo')
  async logo(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    new SellQuery(raw).assertNoUnknown();
    const { logo, content } = await this.upstream.call(this.client, this.client.getAccountLogo, {}, principal);
    const etag = `"${logo!.sha256}"`;
    reply.header('ETag', etag).header('Cache-Control', 'private, max-age=300').header('X-Content-Type-Options', 'nosniff');
    if (request.headers['if-none-match'] === etag) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).header('Content-Type', logo!.contentType).send(Buffer.from(content));
  }

  /** Sets the logo from the raw body (image/png, image/jpeg, image/gif or image/webp); admins only. */
  @Put('self/logo')
  async setLogo(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    const { content, contentType } = await readRawBody(request, this.config.http.accountLogoMaxBytes);
    const { account } = await this.upstream.call(this.client, this.client.setAccountLogo, { contentType, content }, principal);
    return single('account', presentAccount(account!));
  }

  @Delete('self/logo')
  async deleteLogo(@CurrentPrincipal() principal: Principal) {
    const { account } = await this.upstream.call(this.client, this.client.deleteAccountLogo, {}, principal);
    return single('account', presentAccount(account!));
  }
}
