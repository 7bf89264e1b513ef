import { Schema, type Connection, type Model } from 'mongoose';
import type { ActivityKind } from '@crm/proto';


export type ActivityRecordType = 'lead' | 'contact' | 'deal';
export type ActivityItemType = 'note' | 'task' | 'call' | 'appointment';

/**
 * One activity of the account's stream. `_id` is the id of the event it records: a UUIDv7, so
 * newest-first order and the cursor are the id's, a period is a range of ids, and a redelivered
 * event inserts nothing. `ownerId` follows the record's current owner (visibility is decided when
 * reading, by it); a record's reassignment rewrites its activities' owner.
 */
export interface ActivityDoc {
  _id: string;
  tenantId: string;
  kind: ActivityKind;
  actorId: string | null;
  recordType: ActivityRecordType | null;
  recordId: string | null;
  recordName: string;
  itemType: ActivityItemType | null;
  itemId: string | null;
  ownerId: string;
  summary: string;
  details: Record<string, string>;
  occurredAt: Date;
}

const schema = new Schema<ActivityDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    kind: { type: String, required: true },
    actorId: { type: String, default: null },
    recordType: { type: String, default: null },
    recordId: { type: String, default: null },
    recordName: { type: String, default: '' },
    itemType: { type: String, default: null },
    itemId: { type: String, default: null },
    ownerId: { type: String, required: true },
    summary: { type: String, default: '' },
    details: { type: Schema.Types.Mixed, default: {} },
    occurredAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
// An admin's feed; a user's or manager's (owner among the visible ones); one record's page; one actor's.
schema.index({ tenantId: 1, _id: -1 }, { name: 'feed' });
schema.index({ tenantId: 1, ownerId: 1, _id: -1 }, { name: 'feed_by_owner' });
schema.index({ tenantId: 1, recordType: 1, recordId: 1, _id: -1 }, { name: 'feed_by_record' });
schema.index({ tenantId: 1, actorId: 1, _id: -1 }, { name: 'feed_by_actor' });

export function activityModel(connection: Connection): Model<ActivityDoc> {
  return connection.models.Activity ?? connection.model<ActivityDoc>('Activity', schema, 'activities');
}
