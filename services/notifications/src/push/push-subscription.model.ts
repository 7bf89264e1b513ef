import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

/** A browser's Web Push subscription; `_id` is derived from the tenant and the endpoint, so one endpoint is one subscription. */
export interface PushSubscriptionDoc {
  _id: string;
  tenantId: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent: string | null;
  createdAt: Date;
  lastSuccessAt: Date | null;
}

const schema = new Schema<PushSubscriptionDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    endpoint: { type: String, required: true },
    p256dh: { type: String, required: true },
    auth: { type: String, required: true },
    userAgent: { type: String, default: null },
    createdAt: { type: Date, required: true },
    lastSuccessAt: { type: Date, default: null },
  },
  { versionKey: false },
);
schema.index({ tenantId: 1, userId: 1 }, { name: 'by_user' });

export function pushSubscriptionModel(connection: Connection): Model<PushSubscriptionDoc> {
  return connection.models.PushSubscription ?? connection.model<PushSubscriptionDoc>('PushSubscription', schema, 'push_subscriptions');
}

/** The subscription id of an endpoint in a tenant: a hash, so ids are short and the endpoint (a capability) is not exposed in URLs. */
export function subscriptionId(tenantId: string, endpoint: string): string {
  return createHash('sha256').update(`${tenantId}\n${endpoint}`).digest('base64url').slice(0, 32);
}
