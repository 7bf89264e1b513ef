import { Schema, type Connection, type Model } from 'mongoose';

/** The channels a notification is sent on after it is stored; web is the live stream to the user's open pages (the inbox has it already). */
export type SentChannel = 'web' | 'email' | 'push';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * Sending one notification on one channel, and the audit of it. `_id` is the notification's unique
 * key on that channel (event id, user, channel), so a redelivered event adds no second send. A
 * replica leases a due delivery (`leaseOwner`, `leaseUntil`) before sending: one whose replica died
 * is taken again when its lease lapses.
 */
export interface DeliveryDoc {
  _id: string;
  tenantId: string;
  userId: string;
  notificationId: string;
  channel: SentChannel;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
  /** Where it went: the live stream, the address, or how many push subscriptions took it. */
  detail: string | null;
}

const schema = new Schema<DeliveryDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    notificationId: { type: String, required: true },
    channel: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    detail: { type: String, default: null },
  },
  { versionKey: false },
);
// Due work across tenants, oldest first; and a notification's audit.
schema.index({ status: 1, nextAttemptAt: 1 }, { name: 'due' });
schema.index({ tenantId: 1, notificationId: 1 }, { name: 'by_notification' });

export function deliveryModel(connection: Connection): Model<DeliveryDoc> {
  return connection.models.Delivery ?? connection.model<DeliveryDoc>('Delivery', schema, 'deliveries');
}

export const deliveryKey = (eventId: string, userId: string, channel: SentChannel) => `${eventId}:${userId}:${channel}`;
