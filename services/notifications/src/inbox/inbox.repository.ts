import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { insertAllNew } from '@crm/db-mongo';
import { MONGO } from '../notifications.constants';
import { lastIdOf } from '../time-ordered-ids';
import { inboxStateModel, notificationModel, type InboxStateDoc, type NotificationDoc } from './notification.model';

/** Unread counts stop here: an inbox shows "99+" long before, and on FerretDB a count costs a scan. */
export const UNREAD_COUNT_CAP = 1_000;

/** The inbox's reads and writes; each names its tenant and user, so a query never crosses either. */
@Injectable()
export class InboxRepository {
  private readonly notifications: Model<NotificationDoc>;
  private readonly states: Model<InboxStateDoc>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.notifications = notificationModel(connection);
    this.states = inboxStateModel(connection);
  }

  async state(tenantId: string, userId: string): Promise<InboxStateDoc | null> {
    return this.states.findOne({ _id: `${tenantId}:${userId}`, tenantId }).lean();
  }

  /** What "unread" means for this user: not marked read, and newer than the read marker or kept unread. */
  private unread(tenantId: string, userId: string, state: InboxStateDoc | null): Record<string, unknown> {
    const base = { tenantId, userId, web: true, read: false };
    return state ? { ...base, $or: [{ _id: { $gt: state.readThrough } }, { keptUnread: true }] } : base;
  }

  /** Stores notifications in one write; answers, per document, whether it is new (not a redelivery's). */
  async insertAll(docs: readonly NotificationDoc[]): Promise<boolean[]> {
    return insertAllNew(this.notifications, docs);
  }

  async byDedupeKeys(tenantId: string, dedupeKeys: readonly string[]): Promise<NotificationDoc[]> {
    return this.notifications.find({ tenantId, dedupeKey: { $in: [...dedupeKeys] } }).lean();
  }

  async page(tenantId: string, userId: string, options: { unreadOnly: boolean; beforeId?: string; limit: number; state: InboxStateDoc | null }): Promise<NotificationDoc[]> {
    const which = options.unreadOnly ? this.unread(tenantId, userId, options.state) : { tenantId, userId, web: true };
    const filter = options.beforeId ? { $and: [which, { _id: { $lt: options.beforeId } }] } : which;
    return this.notifications.find(filter).sort({ _id: -1 }).limit(options.limit).lean();
  }

  async after(tenantId: string, userId: string, afterId: string, limit: number): Promise<NotificationDoc[]> {
    return this.notifications.find({ tenantId, userId, web: true, _id: { $gt: afterId } }).sort({ _id: 1 }).limit(limit).lean();
  }

  async get(tenantId: string, userId: string, id: string): Promise<NotificationDoc | null> {
    return this.notifications.findOne({ _id: id, tenantId, userId }).lean();
  }

  async getMany(tenantId: string, userId: string, ids: readonly string[]): Promise<NotificationDoc[]> {
    return this.notifications.find({ _id: { $in: [...ids] }, tenantId, userId }).lean();
  }

  /** Unread notifications, counted up to {@link UNREAD_COUNT_CAP}. */
  async countUnread(tenantId: string, userId: string, state: InboxStateDoc | null): Promise<number> {
    return this.notifications.countDocuments(this.unread(tenantId, userId, state), { limit: UNREAD_COUNT_CAP });
  }

  /** Marks read (keeping the first reading's time) or unread. */
  async mark(tenantId: string, userId: string, ids: readonly string[], read: boolean, at: Date): Promise<void> {
    const base = { _id: { $in: [...ids] }, tenantId, userId };
    if (read) {
      await this.notifications.updateMany({ ...base, readAt: null }, { $set: { readAt: at } });
      await this.notifications.updateMany(base, { $set: { read: true, keptUnread: false } });
    } else {
      await this.notifications.updateMany(base, { $set: { read: false, readAt: null, keptUnread: true } });
    }
  }

  /** Moves the read marker to now: one write, however many notifications it covers. */
  async markAllRead(tenantId: string, userId: string, at: Date): Promise<void> {
    const readThrough = lastIdOf(at);
    await this.states.updateOne({ _id: `${tenantId}:${userId}` }, { $set: { tenantId, userId, readThrough, readAllAt: at } }, { upsert: true });
    // Those kept unread before are covered now; there are few (each was marked by hand).
    await this.notifications.updateMany({ tenantId, userId, keptUnread: true, _id: { $lte: readThrough } }, { $set: { keptUnread: false } });
  }
}
