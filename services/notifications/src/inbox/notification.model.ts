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
  readAt: Date | null;
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
    readAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, dedupeKey: 1 }, { unique: true, name: 'notification_once_per_event_and_user' });
// The inbox (newest first, cursor on _id) and the unread count.
schema.index({ tenantId: 1, userId: 1, web: 1, _id: -1 }, { name: 'inbox' });
schema.index({ tenantId: 1, userId: 1, web: 1, readAt: 1, _id: -1 }, { name: 'inbox_unread' });

export function notificationModel(connection: Connection): Model<NotificationDoc> {
  return connection.models.Notification ?? connection.model<NotificationDoc>('Notification', schema, 'notifications');
}
