import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { single } from '../../../sell/sell-envelope';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { sellTime } from '../../../sell/sell-record';
import { Upstream } from '../../../upstream';
import { ACCOUNTS_CLIENT } from '../directory.constants';

export function presentAccount(a: crm.directory.v1.Account) {
  return {
    id: Number(a.id),
    name: a.name,
    currency: a.currency,
    time_format: a.timeFormat,
    timezone: a.timezone,
    phone: a.phone ?? null,
    created_at: sellTime(a.createdAt),
    updated_at: sellTime(a.updatedAt),
  };
}

/** Sell `/v2/accounts/self`: the caller's account settings. */
@Controller('v2/accounts')
export class AccountsHttpController {
  constructor(
    @Inject(ACCOUNTS_CLIENT) private readonly client: crm.directory.v1.AccountsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get('self')
  async self(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    new SellQuery(raw).assertNoUnknown();
    const { account } = await this.upstream.call(this.client, this.client.getAccount, {}, principal);
    return single('account', presentAccount(account!));
  }
}
