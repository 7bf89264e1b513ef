import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { isDuplicateKeyError } from '@crm/db-mongo';
import { MONGO } from '../notifications.constants';
import { notificationModel, type NotificationDoc } from './notification.model';

/** The inbox's reads and writes; each names its tenant and user, so a query never crosses either. */
@Injectable()
export class InboxRepository {
  private readonly notifications: Model<NotificationDoc>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.notifications = notificationModel(connection);
  }

  /** Stores a notification; false when its event already told this user (a redelivery). */
  async insert(doc: NotificationDoc): Promise<boolean> {
    try {
      await this.notifications.create(doc);
      return true;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  async byDedupeKey(tenantId: string, dedupeKey: string): Promise<NotificationDoc | null> {
    return this.notifications.findOne({ tenantId, dedupeKey }).lean();
  }

  async page(tenantId: string, userId: string, options: { unreadOnly: boolean; beforeId?: string; limit: number }): Promise<NotificationDoc[]> {
    const filter: Record<string, unknown> = { tenantId, userId, web: true };
    if (options.unreadOnly) filter.readAt = null;
    if (options.beforeId) filter._id = { $lt: options.beforeId };
    return this.notifications.find(filter).sort({ _id: -1 }).limit(options.limit).lean();
  }

  async get(tenantId: string, userId: string, id: string): Promise<NotificationDoc | null> {
    return this.notifications.findOne({ _id: id, tenantId, userId }).lean();
  }

  async getMany(tenantId: string, userId: string, ids: readonly string[]): Promise<NotificationDoc[]> {
    return this.notifications.find({ _id: { $in: [...ids] }, tenantId, userId }).lean();
  }

  async countUnread(tenantId: string, userId: string): Promise<number> {
    return this.notifications.countDocuments({ tenantId, userId, web: true, readAt: null });
  }

  /** Marks read (keeping the first reading's time) or unread. */
  async mark(tenantId: string, userId: string, ids: readonly string[], read: boolean, at: Date): Promise<void> {
    const base = { _id: { $in: [...ids] }, tenantId, userId };
    if (read) await this.notifications.updateMany({ ...base, readAt: null }, { $set: { readAt: at } });
    else await this.notifications.updateMany(base, { $set: { readAt: null } });
  }

  async markAllRead(tenantId: string, userId: string, at: Date): Promise<number> {
    const result = await this.notifications.updateMany({ tenantId, userId, web: true, readAt: null }, { $set: { readAt: at } });
    return result.modifiedCount;
  }
}
