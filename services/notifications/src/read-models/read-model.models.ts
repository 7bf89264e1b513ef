import { Schema, type Connection, type Model } from 'mongoose';

/** A user of the directory as notifications need them: who to address, in which role and reporting line. */
export interface DirectoryUserDoc {
  _id: string;
  tenantId: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  /** active or inactive; deleted users are inactive. */
  status: string;
  reportsTo: string | null;
  teamId: string | null;
  /** IANA zone the user's mail shows times in. */
  timezone: string | null;
  /** The directory's updated_at: an older event never overwrites a newer state. */
  version: Date;
}

/** A lead, contact or deal as notifications need it: its owner (who is told) and its name (what they read). */
export interface RecordDoc {
  _id: string;
  tenantId: string;
  type: 'lead' | 'contact' | 'deal';
  recordId: string;
  ownerId: string;
  name: string;
  version: Date;
  deleted: boolean;
  /**
   * The record's fields as subscription filters read them (record-fields.ts), for triggers on its
   * tasks and notes; as name/value pairs, since field names (`custom_fields.<name>`) may hold dots,
   * which no document key may.
   */
  fields: { name: string; value: unknown }[];
}

/** A team of the directory, for team subscriptions. */
export interface TeamDoc {
  _id: string;
  tenantId: string;
  teamId: string;
  name: string;
  deleted: boolean;
  version: Date;
}

/** A custom field definition of leads, contacts or deals, for validating and reading subscription filters. */
export interface CustomFieldDoc {
  _id: string;
  tenantId: string;
  resourceType: 'lead' | 'contact' | 'deal';
  name: string;
  /** Sell type name: string, text, number, bool, list, multi_select_list, date, ... */
  type: string;
  deleted: boolean;
  version: Date;
}

const userSchema = new Schema<DirectoryUserDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    name: String,
    email: String,
    role: String,
    status: String,
    reportsTo: { type: String, default: null },
    teamId: { type: String, default: null },
    timezone: { type: String, default: null },
    version: { type: Date, required: true },
  },
  { versionKey: false },
);
userSchema.index({ tenantId: 1, role: 1 });
userSchema.index({ tenantId: 1, reportsTo: 1 });

const recordSchema = new Schema<RecordDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    type: { type: String, required: true },
    recordId: { type: String, required: true },
    ownerId: { type: String, required: true },
    name: String,
    version: { type: Date, required: true },
    deleted: { type: Boolean, default: false },
    fields: { type: Schema.Types.Mixed, default: [] },
  },
  { versionKey: false, minimize: false },
);
recordSchema.index({ tenantId: 1, ownerId: 1 });

export function directoryUserModel(connection: Connection): Model<DirectoryUserDoc> {
  return connection.models.DirectoryUser ?? connection.model<DirectoryUserDoc>('DirectoryUser', userSchema, 'directory_users');
}

export function recordModel(connection: Connection): Model<RecordDoc> {
  return connection.models.Record ?? connection.model<RecordDoc>('Record', recordSchema, 'records');
}

const teamSchema = new Schema<TeamDoc>(
  { _id: String, tenantId: { type: String, required: true }, teamId: { type: String, required: true }, name: String, deleted: { type: Boolean, default: false }, version: { type: Date, required: true } },
  { versionKey: false },
);

const customFieldSchema = new Schema<CustomFieldDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    resourceType: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, required: true },
    deleted: { type: Boolean, default: false },
    version: { type: Date, required: true },
  },
  { versionKey: false },
);
customFieldSchema.index({ tenantId: 1, resourceType: 1 });

export function teamModel(connection: Connection): Model<TeamDoc> {
  return connection.models.Team ?? connection.model<TeamDoc>('Team', teamSchema, 'teams');
}

export function customFieldModel(connection: Connection): Model<CustomFieldDoc> {
  return connection.models.CustomField ?? connection.model<CustomFieldDoc>('CustomField', customFieldSchema, 'custom_fields');
}

/** A stored record's fields as filters read them. */
export function fieldsOf(record: Pick<RecordDoc, 'fields'>): Record<string, unknown> {
  return Object.fromEntries((record.fields ?? []).map((f) => [f.name, f.value]));
}
