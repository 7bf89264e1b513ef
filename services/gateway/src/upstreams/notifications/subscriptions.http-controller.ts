import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../auth/auth.guard';
import { parseSellBody, sellId } from '../../sell/sell-body';
import { collection, single } from '../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../sell/sell-error';
import { sellTime } from '../../sell/sell-record';
import { SellQuery, type RawQuery } from '../../sell/sell-query';
import { Upstream } from '../../upstream';
import { NOTIFICATION_SUBSCRIPTIONS_CLIENT } from './notifications.constants';
import { NOTIFICATION_ID } from './notifications.http-controllers';

/** Filters nest a few groups deep; anything deeper is refused before it is converted. */
const MAX_FILTER_DEPTH = 12;
const depthOf = (v: unknown): number => (typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);
const ignored = z.unknown().optional();

/** A custom notification as clients write it; the service checks the filter against the account's fields. */
export const SubscriptionWrite = z.strictObject({
  name: z.string().max(200).optional(),
  resource_type: z.string().max(32).optional(),
  filter: z
    .record(z.string().max(64), z.unknown())
    .refine((f) => depthOf(f) <= MAX_FILTER_DEPTH, `nests more than ${MAX_FILTER_DEPTH} levels`)
    .nullable()
    .optional(),
  triggers: z.array(z.strictObject({ type: z.string().max(32), fields: z.array(z.string().max(300)).max(50).optional() })).max(10).optional(),
  channels: z.array(z.string().max(16)).max(3).optional(),
  team_id: sellId.nullable().optional(),
  enabled: z.boolean().optional(),
  id: ignored,
  creator_id: ignored,
  created_at: ignored,
  updated_at: ignored,
});
const READ_ONLY = new Set(['id', 'creator_id', 'created_at', 'updated_at']);

function toInput(data: z.infer<typeof SubscriptionWrite>) {
  const mask = Object.keys(data).filter((k) => !READ_ONLY.has(k));
  const subscription: crm.notifications.v1.SubscriptionInput = {
    name: data.name ?? '',
    resourceType: data.resource_type ?? '',
    ...(data.filter ? { filter: data.filter } : {}),
    triggers: (data.triggers ?? []).map((t) => ({ type: t.type, fields: t.fields ?? [] })),
    channels: data.channels ?? [],
    ...(data.team_id !== undefined && data.team_id !== null ? { teamId: String(data.team_id) } : {}),
    enabled: data.enabled ?? false,
  };
  return { subscription, mask };
}

export function presentSubscription(s: crm.notifications.v1.NotificationSubscription) {
  return {
    id: s.id,
    name: s.name,
    resource_type: s.resourceType,
    filter: s.filter ?? null,
    triggers: s.triggers.map((t) => ({ type: t.type, ...(t.fields.length > 0 ? { fields: t.fields } : {}) })),
    channels: s.channels,
    creator_id: Number(s.creatorId),
    team_id: s.teamId === undefined ? null : Number(s.teamId),
    enabled: s.enabled,
    created_at: sellTime(s.createdAt),
    updated_at: sellTime(s.updatedAt),
  };
}

function subscriptionId(raw: string): string {
  if (!NOTIFICATION_ID.test(raw)) throw SellHttpError.notFound('notification_subscription');
  return raw;
}

/**
 * Custom notifications (`/v2/notification_subscriptions`): a user's own, and a team's made by a
 * manager or admin. A user sees theirs and their team's; an admin sees the account's.
 */
@Controller('v2/notification_subscriptions')
export class SubscriptionsHttpController {
  constructor(
    @Inject(NOTIFICATION_SUBSCRIPTIONS_CLIENT) private readonly client: crm.notifications.v1.NotificationSubscriptionsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const resourceType = q.oneOf('resource_type', ['lead', 'contact', 'deal'] as const);
    q.assertNoUnknown();
    const { subscriptions } = await this.upstream.call(this.client, this.client.listSubscriptions, { resourceType: resourceType ?? '' }, principal).catch(asQueryError);
    return collection('notification_subscription', subscriptions.map((s) => ({ data: presentSubscription(s) })), {});
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { subscription, mask } = toInput(parseSellBody(body, SubscriptionWrite, 'notification_subscription'));
    const res = await this.upstream.call(this.client, this.client.createSubscription, { subscription, mask }, principal);
    return single('notification_subscription', presentSubscription(res.subscription!));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const res = await this.upstream.call(this.client, this.client.getSubscription, { id: subscriptionId(id) }, principal);
    return single('notification_subscription', presentSubscription(res.subscription!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = subscriptionId(id);
    const { subscription, mask } = toInput(parseSellBody(body, SubscriptionWrite, 'notification_subscription'));
    const res = await this.upstream.call(this.client, this.client.updateSubscription, { id: valid, subscription, mask }, principal);
    return single('notification_subscription', presentSubscription(res.subscription!));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteSubscription, { id: subscriptionId(id) }, principal);
  }
}
