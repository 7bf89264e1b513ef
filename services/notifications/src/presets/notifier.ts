import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { CloudEvent } from '@crm/events';
import type { NotificationsConfig } from '../config/notifications.config';
import { DeliveriesRepository } from '../delivery/deliveries.repository';
import { DeliveryDispatcher } from '../delivery/delivery.dispatcher';
import { deliveryKey, type SentChannel } from '../delivery/delivery.model';
import { InboxRepository } from '../inbox/inbox.repository';
import type { NotificationDoc } from '../inbox/notification.model';
import type { Channel } from '../catalogue/notification-types';
import { CONFIG } from '../notifications.constants';
import { PreferencesService } from '../preferences/preferences.service';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { notificationText } from './notification-text';
import type { NotificationIntent } from './preset-rules';

/** What of an event a notification keeps: its id (the dedupe key), tenant, time and actor. */
export type RaisingEvent = Pick<CloudEvent, 'id' | 'tenantId' | 'time' | 'actorId'>;

/**
 * Turns what the rules ask for into stored notifications: one per user and event (the first
 * intent for a user wins), on the channels the user's preferences give the type, none for a user
 * who turned the type off or is no longer active. Its sends (live, mail, push) are queued with it,
 * keyed by event, user and channel, and the sender is woken. Running it again for the same event stores
 * nothing more. An event older than the configured age raises nothing.
 */
@Injectable()
export class Notifier {
  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    private readonly inbox: InboxRepository,
    private readonly preferences: PreferencesService,
    private readonly readModels: ReadModelsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async raise(event: RaisingEvent, intents: readonly (NotificationIntent | undefined)[]): Promise<number> {
    const byUser = new Map<string, NotificationIntent>();
    for (const i of intents) if (i && !byUser.has(i.userId)) byUser.set(i.userId, i);
    if (byUser.size === 0) return 0;
    if (Date.now() - Date.parse(event.time) > this.config.notifyMaxEventAgeMs) return 0;
    const tenantId = event.tenantId;
    const people = new Map((await this.readModels.usersByIds(tenantId, [...byUser.keys(), ...(event.actorId ? [event.actorId] : [])])).map((u) => [u.userId, u]));
    const actorName = event.actorId ? people.get(event.actorId)?.name : undefined;
    // One preference read per type for all the event's recipients (a team subscription may tell hundreds).
    const choices = new Map<NotificationIntent['type'], Map<string, { channels: Channel[] }>>();
    for (const type of new Set([...byUser.values()].map((i) => i.type))) {
      choices.set(type, await this.preferences.channelsFor(tenantId, type, [...byUser.values()].filter((i) => i.type === type).map((i) => i.userId)));
    }
    const docs: NotificationDoc[] = [];
    for (const [userId, intent] of byUser) {
      // A user the directory marks inactive is told nothing; one not yet known is told (their user event may lag).
      if (people.get(userId)?.status === 'inactive') continue;
      const preferred = choices.get(intent.type)!.get(userId)!.channels;
      const channels = intent.channels ? preferred.filter((c) => intent.channels!.includes(c)) : preferred;
      if (channels.length === 0) continue;
      const params = { ...intent.params, ...(actorName ? { actorName } : {}) };
      const { title, body } = notificationText(intent.type, params);
      docs.push({
        _id: uuidv7(),
        tenantId,
        userId,
        type: intent.type,
        title,
        body,
        params,
        resourceType: intent.resource?.type ?? null,
        resourceId: intent.resource?.id ?? null,
        actorId: event.actorId ?? null,
        eventId: event.id,
        dedupeKey: `${event.id}:${userId}`,
        channels,
        web: channels.includes('web'),
        createdAt: new Date(),
        read: false,
        readAt: null,
        keptUnread: false,
      });
    }
    if (docs.length === 0) return 0;
    // One write for all the event's recipients (a team subscription may tell hundreds).
    const inserted = await this.inbox.insertAll(docs);
    const stored = inserted.filter(Boolean).length;
    // On a redelivery the notifications exist (their channels are the first raise's) and their sends
    // may not yet (a crash between the two writes).
    const repeated = docs.filter((_, i) => !inserted[i]).map((d) => d.dedupeKey);
    const earlier = repeated.length > 0 ? await this.inbox.byDedupeKeys(tenantId, repeated) : [];
    const notifications = [...docs.filter((_, i) => inserted[i]), ...earlier];
    const now = new Date();
    const sends = notifications.flatMap((n) =>
      n.channels.map((channel: SentChannel) => ({
        _id: deliveryKey(event.id, n.userId, channel), tenantId, userId: n.userId, notificationId: n._id, channel, status: 'pending' as const, attempts: 0, nextAttemptAt: now,
        leaseOwner: null, leaseUntil: null, createdAt: now, sentAt: null, lastError: null, detail: null,
      })),
    );
    await this.deliveries.ensure(sends);
    if (sends.length > 0) this.dispatcher.runSoon();
    return stored;
  }
}
