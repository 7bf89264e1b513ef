import { Schema, type Connection, type Model } from 'mongoose';
import type { Filter, FilteredRecordType } from '@crm/conditions';
import type { Channel } from '../catalogue/notification-types';
import type { Trigger } from './triggers';

/** A custom notification of a user (teamId null) or a team. `_id` is a UUIDv7. */
export interface SubscriptionDoc {
  _id: string;
  tenantId: string;
  creatorId: string;
  teamId: string | null;
  name: string;
  resourceType: FilteredRecordType;
  filter: Filter | null;
  triggers: Trigger[];
  /** The trigger types, for the index that finds the subscriptions an event may concern. */
  triggerTypes: string[];
  channels: Channel[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<SubscriptionDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    creatorId: { type: String, required: true },
    teamId: { type: String, default: null },
    name: { type: String, required: true },
    resourceType: { type: String, required: true },
    filter: { type: Schema.Types.Mixed, default: null },
    triggers: { type: Schema.Types.Mixed, default: [] },
    triggerTypes: { type: [String], default: [] },
    channels: { type: [String], default: [] },
    enabled: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
// The subscriptions an event may concern; a user's list.
schema.index({ tenantId: 1, resourceType: 1, triggerTypes: 1, enabled: 1 }, { name: 'by_trigger' });
schema.index({ tenantId: 1, creatorId: 1, _id: 1 }, { name: 'by_creator' });

export function subscriptionModel(connection: Connection): Model<SubscriptionDoc> {
  return connection.models.NotificationSubscription ?? connection.model<SubscriptionDoc>('NotificationSubscription', schema, 'subscriptions');
}

/** A task or note added to a record not known yet: matched when the record's own event comes. `_id` is the event's. */
export interface DeferredTriggerDoc {
  _id: string;
  tenantId: string;
  resourceType: FilteredRecordType;
  recordId: string;
  trigger: 'task_added' | 'note_added';
  actorId: string | null;
  /** The event's time (CloudEvents `time`). */
  time: string;
}

const deferredSchema = new Schema<DeferredTriggerDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    resourceType: { type: String, required: true },
    recordId: { type: String, required: true },
    trigger: { type: String, required: true },
    actorId: { type: String, default: null },
    time: { type: String, required: true },
  },
  { versionKey: false },
);
deferredSchema.index({ tenantId: 1, resourceType: 1, recordId: 1 }, { name: 'by_record' });

export function deferredTriggerModel(connection: Connection): Model<DeferredTriggerDoc> {
  return connection.models.DeferredTrigger ?? connection.model<DeferredTriggerDoc>('DeferredTrigger', deferredSchema, 'deferred_triggers');
}
