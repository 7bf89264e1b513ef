import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../auth/auth.guard';
import { parseSellBody } from '../../sell/sell-body';
import { collection, single } from '../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../sell/sell-query';
import { Upstream } from '../../upstream';
import { NOTIFICATION_PREFERENCES_CLIENT, NOTIFICATIONS_CLIENT } from './notifications.constants';
import { presentNotification, presentPreferences } from './notification.presenter';

/** Notification ids are UUIDs; anything else names no notification. */
export const NOTIFICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_PER_PAGE = 100;

function notificationId(raw: string): string {
  if (!NOTIFICATION_ID.test(raw)) throw SellHttpError.notFound('notification');
  return raw;
}

export const NotificationWrite = z.strictObject({ read: z.boolean() });

/** The caller's web inbox, newest first, paged by cursor: only the caller's own notifications, whatever their role. */
@Controller('v2/notifications')
export class NotificationsHttpController {
  constructor(
    @Inject(NOTIFICATIONS_CLIENT) private readonly client: crm.notifications.v1.NotificationsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const perPage = q.int('per_page', 1, MAX_PER_PAGE, 25);
    const unread = q.bool('unread');
    const cursor = q.string('cursor');
    q.assertNoUnknown();
    if (cursor !== undefined && !NOTIFICATION_ID.test(cursor)) throw SellHttpError.invalidParam('cursor', 'is not a cursor of this list');
    const res = await this.upstream.call(this.client, this.client.listNotifications, { unreadOnly: unread === true, beforeId: cursor ?? '', limit: perPage }, principal).catch(asQueryError);
    const next = new URLSearchParams({ per_page: String(perPage), ...(unread !== undefined ? { unread: String(unread) } : {}) });
    const last = res.notifications[res.notifications.length - 1];
    if (res.more && last) next.set('cursor', last.id);
    return collection('notification', res.notifications.map((n) => ({ data: presentNotification(n) })), res.more ? { next_page: `/v2/notifications?${next.toString()}` } : {});
  }

  @Get('unread_count')
  async unreadCount(@CurrentPrincipal() principal: Principal) {
    const { count } = await this.upstream.call(this.client, this.client.countUnread, {}, principal);
    return single('unread_count', { count: Number(count) });
  }

  @Post('mark_all_read')
  @HttpCode(200)
  async markAllRead(@CurrentPrincipal() principal: Principal) {
    const { updated } = await this.upstream.call(this.client, this.client.markAllRead, {}, principal);
    return single('mark_all_read', { updated: Number(updated) });
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { notification } = await this.upstream.call(this.client, this.client.getNotification, { id: notificationId(id) }, principal);
    return single('notification', presentNotification(notification!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = notificationId(id);
    const { read } = parseSellBody(body, NotificationWrite, 'notification');
    const { notifications } = await this.upstream.call(this.client, this.client.markNotifications, { ids: [valid], read }, principal);
    return single('notification', presentNotification(notifications[0]!));
  }
}

/** A type's channels; null resets it to the next level (the account default, then the catalogue). */
export const PreferencesWrite = z.strictObject({
  preferences: z.record(z.string().max(64), z.array(z.string().max(16)).max(3).nullable()).optional(),
  locale: z.string().max(16).optional(),
});

function toUpdate(data: z.infer<typeof PreferencesWrite>, scope: crm.notifications.v1.PreferenceScope) {
  const entries = Object.entries(data.preferences ?? {});
  return {
    scope,
    preferences: entries.filter((e): e is [string, string[]] => e[1] !== null).map(([type, channels]) => ({ type, channels, source: '' })),
    resetTypes: entries.filter(([, channels]) => channels === null).map(([type]) => type),
    ...(data.locale !== undefined ? { locale: data.locale } : {}),
  };
}

const { PREFERENCE_SCOPE_USER: USER, PREFERENCE_SCOPE_ACCOUNT: ACCOUNT } = crm.notifications.v1.PreferenceScope;

/** Which channels each preset type uses: the caller's own choices, and (admins change them) the account's defaults. */
@Controller('v2/notification_preferences')
export class NotificationPreferencesHttpController {
  constructor(
    @Inject(NOTIFICATION_PREFERENCES_CLIENT) private readonly client: crm.notifications.v1.NotificationPreferencesServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async get(@CurrentPrincipal() principal: Principal) {
    return single('notification_preferences', presentPreferences(await this.upstream.call(this.client, this.client.getPreferences, { scope: USER }, principal)));
  }

  @Put()
  async update(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, PreferencesWrite, 'notification_preferences');
    return single('notification_preferences', presentPreferences(await this.upstream.call(this.client, this.client.updatePreferences, toUpdate(data, USER), principal)));
  }

  @Get('account')
  async getAccount(@CurrentPrincipal() principal: Principal) {
    return single('notification_preferences', presentPreferences(await this.upstream.call(this.client, this.client.getPreferences, { scope: ACCOUNT }, principal)));
  }

  @Put('account')
  async updateAccount(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, PreferencesWrite, 'notification_preferences');
    if (data.locale !== undefined) throw SellHttpError.invalidPayload('locale: is a user setting, not an account default');
    return single('notification_preferences', presentPreferences(await this.upstream.call(this.client, this.client.updatePreferences, toUpdate(data, ACCOUNT), principal)));
  }
}
