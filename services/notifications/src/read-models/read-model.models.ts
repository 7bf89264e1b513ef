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
  },
  { versionKey: false },
);
recordSchema.index({ tenantId: 1, ownerId: 1 });

export function directoryUserModel(connection: Connection): Model<DirectoryUserDoc> {
  return connection.models.DirectoryUser ?? connection.model<DirectoryUserDoc>('DirectoryUser', userSchema, 'directory_users');
}

export function recordModel(connection: Connection): Model<RecordDoc> {
  return connection.models.Record ?? connection.model<RecordDoc>('Record', recordSchema, 'records');
}
