import { Inject, Injectable } from '@nestjs/common';
import webpush, { WebPushError } from 'web-push';
import type { Logger } from '@crm/observability';
import { refusedServerUrl } from '@crm/outbound';
import type { NotificationsConfig } from '../config/notifications.config';
import { DeliveryFailure, type ChannelSender, type Recipient, type SendOutcome } from '../delivery/channel-sender';
import type { DeliveryDoc } from '../delivery/delivery.model';
import type { NotificationLinks } from '../email/notification-links';
import type { NotificationDoc } from '../inbox/notification.model';
import { CONFIG, LOGGER, NOTIFICATION_LINKS } from '../notifications.constants';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';

/** Reminders are time-bound: push services deliver them at once even to a device saving power. */
const URGENT = new Set(['task_reminder', 'appointment_reminder', 'incoming_call']);

type Result = 'sent' | 'expired' | 'refused' | 'transient';

/**
 * Web Push of a notification to every subscription of the user (VAPID, aes128gcm through the
 * web-push library). The message is small: ids, title, body and the link; the inbox is the source
 * of truth. Its `Topic` is the notification, so a push service replaces a repeated send instead of
 * showing it twice. A subscription the push service says is gone (404, 410) is removed.
 */
@Injectable()
export class PushSender implements ChannelSender {
  readonly channel = 'push' as const;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(NOTIFICATION_LINKS) private readonly links: NotificationLinks,
    private readonly subscriptions: PushSubscriptionsRepository,
  ) {}

  async send(delivery: DeliveryDoc, notification: NotificationDoc, _recipient: Recipient): Promise<SendOutcome> {
    const vapid = this.config.push.vapid;
    if (!vapid) return { status: 'skipped', detail: 'push not configured' };
    const targets = await this.subscriptions.ofUser(delivery.tenantId, delivery.userId);
    if (targets.length === 0) return { status: 'skipped', detail: 'no subscriptions' };
    const payload = JSON.stringify({
      id: notification._id,
      type: notification.type,
      title: notification.title,
      body: notification.body,
      url: this.links.recordUrl(notification) ?? null,
      created_at: notification.createdAt.toISOString(),
    });
    const options = {
      vapidDetails: vapid,
      TTL: this.config.push.ttlSeconds,
      timeout: this.config.push.timeoutMs,
      urgency: URGENT.has(notification.type) ? ('high' as const) : ('normal' as const),
      topic: notification._id.replace(/-/g, ''),
    };
    const results: Result[] = [];
    for (const s of targets) {
      results.push(await this.sendOne(delivery, s._id, s.endpoint, { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, options));
    }
    const sent = results.filter((r) => r === 'sent').length;
    if (sent > 0) return { status: 'sent', detail: `${sent} of ${targets.length} subscriptions` };
    if (results.includes('transient')) throw new DeliveryFailure('no push service took the message', true);
    return { status: 'skipped', detail: `no subscription took it (${results.join(', ')})` };
  }

  private async sendOne(delivery: DeliveryDoc, id: string, endpoint: string, subscription: webpush.PushSubscription, payload: string, options: webpush.RequestOptions): Promise<Result> {
    // The endpoint's host is looked up again: what was public when registered may not be now.
    if (await refusedServerUrl(endpoint, { allowPrivate: this.config.push.allowPrivateAddresses, httpsOnly: true })) return 'refused';
    try {
      await webpush.sendNotification(subscription, payload, options);
      await this.subscriptions.succeeded(delivery.tenantId, id, new Date());
      return 'sent';
    } catch (e) {
      if (e instanceof WebPushError) {
        if (e.statusCode === 404 || e.statusCode === 410) {
          await this.subscriptions.expire(delivery.tenantId, id);
          this.logger.info({ subscription: id, status: e.statusCode }, 'push subscription expired; removed');
          return 'expired';
        }
        // Too many requests, or the push service failing: another attempt may pass.
        if (e.statusCode === 429 || e.statusCode >= 500) return 'transient';
        this.logger.warn({ subscription: id, status: e.statusCode, body: e.body?.slice(0, 200) }, 'push service refused the message');
        return 'refused';
      }
      // No answer (connection refused, reset, timeout).
      return 'transient';
    }
  }
}
