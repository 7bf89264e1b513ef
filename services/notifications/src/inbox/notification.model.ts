import { Schema, type Connection, type Model } from 'mongoose';
import type { Channel, NotificationType } from '../catalogue/notification-types';
import type { NotificationParams, NotificationResourceType } from '../presets/preset-rules';

/**
 * One notification of one user. `_id` is a UUIDv7, so the inbox's newest-first order and its
 * cursor are the id's. `dedupeKey` (event id and user) is unique per tenant: a redelivered event
 * inserts nothing, and one event tells one user once, whichever rules match.
 */
export interface NotificationDoc {
  _id: string;
  tenantId: string;
  userId: string;
  type: NotificationType | 'custom';
  title: string;
  body: string;
  params: NotificationParams;
  resourceType: NotificationResourceType | null;
  resourceId: string | null;
  actorId: string | null;
  eventId: string;
  dedupeKey: string;
  channels: Channel[];
  /** Shown in the web inbox (the web channel was chosen). */
  web: boolean;
  createdAt: Date;
  /** Marked read one by one; the inbox's read marker covers older ones too (InboxStateDoc). */
  read: boolean;
  readAt: Date | null;
  /** Marked unread after the read marker passed it: the marker does not cover it. */
  keptUnread: boolean;
}

/**
 * A user's read marker: "mark all read" moves it to now instead of touching every notification,
 * so it costs one write however full the inbox is. Notifications up to `readThrough` (ids are
 * time-ordered) count as read, unless kept unread since.
 */
export interface InboxStateDoc {
  _id: string;
  tenantId: string;
  userId: string;
  readThrough: string;
  readAllAt: Date;
}

const schema = new Schema<NotificationDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    type: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, default: '' },
    params: { type: Schema.Types.Mixed, default: {} },
    resourceType: { type: String, default: null },
    resourceId: { type: String, default: null },
    actorId: { type: String, default: null },
    eventId: { type: String, required: true },
    dedupeKey: { type: String, required: true },
    channels: { type: [String], default: [] },
    web: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    read: { type: Boolean, default: false },
    readAt: { type: Date, default: null },
    keptUnread: { type: Boolean, default: false },
  },
  { versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, dedupeKey: 1 }, { unique: true, name: 'notification_once_per_event_and_user' });
// The inbox (newest first, cursor on _id) and the unread count.
schema.index({ tenantId: 1, userId: 1, web: 1, _id: -1 }, { name: 'inbox' });
schema.index({ tenantId: 1, userId: 1, web: 1, read: 1, _id: -1 }, { name: 'inbox_unread' });

const stateSchema = new Schema<InboxStateDoc>(
  { _id: String, tenantId: { type: String, required: true }, userId: { type: String, required: true }, readThrough: { type: String, required: true }, readAllAt: { type: Date, required: true } },
  { versionKey: false },
);

export function notificationModel(connection: Connection): Model<NotificationDoc> {
  return connection.models.Notification ?? connection.model<NotificationDoc>('Notification', schema, 'notifications');
}

export function inboxStateModel(connection: Connection): Model<InboxStateDoc> {
  return connection.models.InboxState ?? connection.model<InboxStateDoc>('InboxState', stateSchema, 'inbox_states');
}

/** Whether a notification counts as read, given the user's read marker. */
export function isRead(doc: Pick<NotificationDoc, '_id' | 'read' | 'keptUnread'>, state: Pick<InboxStateDoc, 'readThrough'> | null): boolean {
  return doc.read || (!doc.keptUnread && state !== null && doc._id <= state.readThrough);
}
