import { Body, Controller, Get, Header, Headers, HttpCode, Inject, Param, Post, Put, Query, Sse, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../auth/auth.guard';
import { parseSellBody } from '../../sell/sell-body';
import { collection, single } from '../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../sell/sell-query';
import { Upstream } from '../../upstream';
import type { GatewayConfig } from '../../config/gateway.config';
import { CONFIG } from '../../gateway.constants';
import { LiveNotificationsHub } from './live-notifications.hub';
import { NOTIFICATION_PREFERENCES_CLIENT, NOTIFICATIONS_CLIENT } from './notifications.constants';
import { presentLive, presentNotification, presentPreferences } from './notification.presenter';

/** Notification ids are UUIDs; anything else names no notification. */
export const NOTIFICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_PER_PAGE = 100;

function notificationId(raw: string): string {
  if (!NOTIFICATION_ID.test(raw)) throw SellHttpError.notFound('notification');
  return raw;
}

export const NotificationWrite = z.strictObject({ read: z.boolean() });

/** Notifications a resuming stream replays at most; an older gap is for the inbox to show. */
const MAX_REPLAY = 500;

/** The caller's web inbox, newest first, paged by cursor: only the caller's own notifications, whatever their role. */
@Controller('v2/notifications')
export class NotificationsHttpController {
  constructor(
    @Inject(NOTIFICATIONS_CLIENT) private readonly client: crm.notifications.v1.NotificationsServiceClient,
    private readonly upstream: Upstream,
    private readonly hub: LiveNotificationsHub,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Server-Sent Events: each new notification of the caller as it is raised (`notification`, with
   * the notification's id as the event id), a `heartbeat` while idle, and `ready` once live. With
   * `Last-Event-ID` (a reconnecting EventSource sends it) the notifications since that one come
   * first, from the inbox, then the live ones, each once.
   */
  @Sse('stream')
  // Proxies (nginx) must pass events on at once rather than buffer the response.
  @Header('X-Accel-Buffering', 'no')
  stream(@CurrentPrincipal() principal: Principal, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const seen = new Set<string>();
      const emit = (n: { id: string; type: string; title: string; body: string; resourceType?: string; resourceId?: string; createdAt?: Date }) => {
        if (seen.has(n.id)) return;
        seen.add(n.id);
        if (seen.size > 1_000) seen.delete(seen.values().next().value!);
        subscriber.next({ id: n.id, type: 'notification', data: presentLive(n) });
      };
      const resumeFrom = lastEventId && NOTIFICATION_ID.test(lastEventId) ? lastEventId : undefined;
      const held: crm.notifications.v1.NotificationCreated[] = [];
      let catchingUp = resumeFrom !== undefined;
      const stop = this.hub.listen(principal.tenantId, principal.userId, (n) => (catchingUp ? held.push(n) : emit(n)));
      const heartbeat = setInterval(() => subscriber.next({ type: 'heartbeat', data: {} }), this.config.live.heartbeatMs);
      const goLive = () => {
        catchingUp = false;
        for (const n of held.splice(0)) emit(n);
        subscriber.next({ type: 'ready', data: {} });
      };
      if (resumeFrom) {
        this.replay(principal, resumeFrom, emit)
          .catch(() => subscriber.next({ type: 'gap', data: { reason: 'the inbox could not be read; reload it' } }))
          .finally(goLive);
      } else goLive();
      return () => {
        stop();
        clearInterval(heartbeat);
      };
    });
  }

  /** The caller's notifications after `afterId`, oldest first, up to {@link MAX_REPLAY}. */
  private async replay(principal: Principal, afterId: string, emit: (n: crm.notifications.v1.Notification) => void): Promise<void> {
    let cursor = afterId;
    for (let sent = 0; sent < MAX_REPLAY; ) {
      const res = await this.upstream.call(this.client, this.client.listNotifications, { unreadOnly: false, beforeId: '', afterId: cursor, limit: 100 }, principal);
      for (const n of res.notifications) emit(n);
      sent += res.notifications.length;
      if (!res.more || res.notifications.length === 0) return;
      cursor = res.notifications[res.notifications.length - 1]!.id;
    }
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const perPage = q.int('per_page', 1, MAX_PER_PAGE, 25);
    const unread = q.bool('unread');
    const cursor = q.string('cursor');
    q.assertNoUnknown();
    if (cursor !== undefined && !NOTIFICATION_ID.test(cursor)) throw SellHttpError.invalidParam('cursor', 'is not a cursor of this list');
    const res = await this.upstream.call(this.client, this.client.listNotifications, { unreadOnly: unread === true, beforeId: cursor ?? '', afterId: '', limit: perPage }, principal).catch(asQueryError);
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
