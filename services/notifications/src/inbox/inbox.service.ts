import { Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { NotificationsError } from '../notifications.errors';
import { InboxRepository } from './inbox.repository';
import type { NotificationDoc } from './notification.model';

const MAX_PAGE = 100;

/** The caller's own inbox: nobody, admins included, reads or marks another user's notifications. */
@Injectable()
export class InboxService {
  constructor(private readonly repository: InboxRepository) {}

  async list(principal: Principal, options: { unreadOnly: boolean; beforeId: string; limit: number }): Promise<{ notifications: crm.notifications.v1.Notification[]; more: boolean }> {
    const limit = Math.min(Math.max(options.limit || 25, 1), MAX_PAGE);
    const docs = await this.repository.page(principal.tenantId, principal.userId, { unreadOnly: options.unreadOnly, limit: limit + 1, ...(options.beforeId ? { beforeId: options.beforeId } : {}) });
    return { notifications: docs.slice(0, limit).map(toNotification), more: docs.length > limit };
  }

  async get(principal: Principal, id: string): Promise<crm.notifications.v1.Notification> {
    const doc = await this.repository.get(principal.tenantId, principal.userId, id);
    if (!doc) throw NotificationsError.notFound(id);
    return toNotification(doc);
  }

  countUnread(principal: Principal): Promise<number> {
    return this.repository.countUnread(principal.tenantId, principal.userId);
  }

  /** All or nothing: an id that is not one of the caller's notifications is a 404 and nothing changes. */
  async mark(principal: Principal, ids: readonly string[], read: boolean): Promise<crm.notifications.v1.Notification[]> {
    const unique = [...new Set(ids)];
    const found = await this.repository.getMany(principal.tenantId, principal.userId, unique);
    const missing = unique.find((id) => !found.some((d) => d._id === id));
    if (missing) throw NotificationsError.notFound(missing);
    await this.repository.mark(principal.tenantId, principal.userId, unique, read, new Date());
    const after = new Map((await this.repository.getMany(principal.tenantId, principal.userId, unique)).map((d) => [d._id, d]));
    return unique.map((id) => toNotification(after.get(id)!));
  }

  markAllRead(principal: Principal): Promise<number> {
    return this.repository.markAllRead(principal.tenantId, principal.userId, new Date());
  }
}

export function toNotification(doc: NotificationDoc): crm.notifications.v1.Notification {
  return {
    id: doc._id,
    type: doc.type,
    title: doc.title,
    body: doc.body,
    ...(doc.resourceType ? { resourceType: doc.resourceType, resourceId: doc.resourceId ?? '' } : {}),
    ...(doc.actorId ? { actorId: doc.actorId } : {}),
    createdAt: doc.createdAt,
    readAt: doc.readAt ?? undefined,
    channels: doc.channels,
    deliveries: [],
    eventId: doc.eventId,
  };
}
