import { Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { NotificationsError } from '../notifications.errors';
import { DeliveriesRepository } from '../delivery/deliveries.repository';
import type { DeliveryDoc } from '../delivery/delivery.model';
import { InboxRepository } from './inbox.repository';
import { isRead, type InboxStateDoc, type NotificationDoc } from './notification.model';

const MAX_PAGE = 100;

/** The caller's own inbox: nobody, admins included, reads or marks another user's notifications. */
@Injectable()
export class InboxService {
  constructor(
    private readonly repository: InboxRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  /** Newest first, before `beforeId`; or, with `afterId`, the ones after it, oldest first (a live stream catching up). */
  async list(principal: Principal, options: { unreadOnly: boolean; beforeId: string; afterId?: string; limit: number }): Promise<{ notifications: crm.notifications.v1.Notification[]; more: boolean }> {
    const limit = Math.min(Math.max(options.limit || 25, 1), MAX_PAGE);
    const state = await this.repository.state(principal.tenantId, principal.userId);
    if (options.afterId) {
      const docs = await this.repository.after(principal.tenantId, principal.userId, options.afterId, limit + 1);
      return { notifications: docs.slice(0, limit).map((d) => toNotification(d, state)), more: docs.length > limit };
    }
    const docs = await this.repository.page(principal.tenantId, principal.userId, { unreadOnly: options.unreadOnly, limit: limit + 1, state, ...(options.beforeId ? { beforeId: options.beforeId } : {}) });
    return { notifications: docs.slice(0, limit).map((d) => toNotification(d, state)), more: docs.length > limit };
  }

  async get(principal: Principal, id: string): Promise<crm.notifications.v1.Notification> {
    const doc = await this.repository.get(principal.tenantId, principal.userId, id);
    if (!doc) throw NotificationsError.notFound(id);
    const [state, deliveries] = await Promise.all([this.repository.state(principal.tenantId, principal.userId), this.deliveries.ofNotification(principal.tenantId, doc._id)]);
    return toNotification(doc, state, deliveries);
  }

  async countUnread(principal: Principal): Promise<number> {
    return this.repository.countUnread(principal.tenantId, principal.userId, await this.repository.state(principal.tenantId, principal.userId));
  }

  /** All or nothing: an id that is not one of the caller's notifications is a 404 and nothing changes. */
  async mark(principal: Principal, ids: readonly string[], read: boolean): Promise<crm.notifications.v1.Notification[]> {
    const unique = [...new Set(ids)];
    const found = await this.repository.getMany(principal.tenantId, principal.userId, unique);
    const missing = unique.find((id) => !found.some((d) => d._id === id));
    if (missing) throw NotificationsError.notFound(missing);
    await this.repository.mark(principal.tenantId, principal.userId, unique, read, new Date());
    const after = new Map((await this.repository.getMany(principal.tenantId, principal.userId, unique)).map((d) => [d._id, d]));
    const state = await this.repository.state(principal.tenantId, principal.userId);
    return unique.map((id) => toNotification(after.get(id)!, state));
  }

  /** Answers how many were unread (up to the count's cap). */
  async markAllRead(principal: Principal): Promise<number> {
    const unread = await this.countUnread(principal);
    await this.repository.markAllRead(principal.tenantId, principal.userId, new Date());
    return unread;
  }
}

function toDelivery(d: DeliveryDoc): crm.notifications.v1.Delivery {
  return { channel: d.channel, status: d.status, attempts: d.attempts, sentAt: d.sentAt ?? undefined, ...(d.lastError ? { lastError: d.lastError } : {}), ...(d.detail ? { detail: d.detail } : {}) };
}

export function toNotification(doc: NotificationDoc, state: InboxStateDoc | null, deliveries?: readonly DeliveryDoc[]): crm.notifications.v1.Notification {
  const read = isRead(doc, state);
  return {
    id: doc._id,
    type: doc.type,
    title: doc.title,
    body: doc.body,
    ...(doc.resourceType ? { resourceType: doc.resourceType, resourceId: doc.resourceId ?? '' } : {}),
    ...(doc.actorId ? { actorId: doc.actorId } : {}),
    createdAt: doc.createdAt,
    readAt: read ? (doc.readAt ?? state?.readAllAt) : undefined,
    channels: doc.channels,
    deliveries: deliveries ? deliveries.map(toDelivery) : [],
    eventId: doc.eventId,
  };
}
