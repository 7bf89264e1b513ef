import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../auth/auth.guard';
import { parseSellBody } from '../../sell/sell-body';
import { collection, single } from '../../sell/sell-envelope';
import { SellHttpError } from '../../sell/sell-error';
import { sellTime } from '../../sell/sell-record';
import { Upstream } from '../../upstream';
import { PUSH_SUBSCRIPTIONS_CLIENT } from './notifications.constants';

export const PUSH_SUBSCRIPTION_ID = /^[A-Za-z0-9_-]{32}$/;

/** A browser's PushSubscription as `toJSON()` gives it, and the user agent to tell devices apart. */
export const PushSubscriptionWrite = z.strictObject({
  endpoint: z.string().min(1).max(2_048),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
  user_agent: z.string().max(500).optional(),
});

function present(s: crm.notifications.v1.PushSubscription) {
  return { id: s.id, endpoint: s.endpoint, user_agent: s.userAgent ?? null, created_at: sellTime(s.createdAt), last_success_at: s.lastSuccessAt ? sellTime(s.lastSuccessAt) : null };
}

/** The caller's own Web Push subscriptions (their browsers and devices), and the key browsers subscribe with. */
@Controller('v2/push_subscriptions')
export class PushSubscriptionsHttpController {
  constructor(
    @Inject(PUSH_SUBSCRIPTIONS_CLIENT) private readonly client: crm.notifications.v1.PushSubscriptionsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal) {
    const { subscriptions } = await this.upstream.call(this.client, this.client.listPushSubscriptions, {}, principal);
    return collection('push_subscription', subscriptions.map((s) => ({ data: present(s) })), {});
  }

  @Get('vapid_key')
  async key(@CurrentPrincipal() principal: Principal) {
    const { publicKey } = await this.upstream.call(this.client, this.client.getPushKey, {}, principal);
    return single('vapid_key', { public_key: publicKey });
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, PushSubscriptionWrite, 'push_subscription');
    const request = { endpoint: data.endpoint, p256dh: data.keys.p256dh, auth: data.keys.auth, ...(data.user_agent ? { userAgent: data.user_agent } : {}) };
    const { subscription } = await this.upstream.call(this.client, this.client.createPushSubscription, request, principal);
    return single('push_subscription', present(subscription!));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    if (!PUSH_SUBSCRIPTION_ID.test(id)) throw SellHttpError.notFound('push_subscription');
    await this.upstream.call(this.client, this.client.deletePushSubscription, { id }, principal);
  }
}
