import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { isDuplicateKeyError } from '@crm/db-mongo';
import { MONGO } from '../notifications.constants';
import { customFieldModel, directoryUserModel, recordModel, teamModel, type CustomFieldDoc, type DirectoryUserDoc, type RecordDoc, type TeamDoc } from './read-model.models';

/**
 * The directory's users and the records' owners, kept from their events. Every write is an
 * upsert guarded by the source's version, so redelivered and out-of-order events leave the
 * newest state; every read is scoped to one tenant.
 */
@Injectable()
export class ReadModelsRepository {
  private readonly users: Model<DirectoryUserDoc>;
  private readonly records: Model<RecordDoc>;
  private readonly teams: Model<TeamDoc>;
  private readonly customFields: Model<CustomFieldDoc>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.users = directoryUserModel(connection);
    this.records = recordModel(connection);
    this.teams = teamModel(connection);
    this.customFields = customFieldModel(connection);
  }

  async putTeam(team: Omit<TeamDoc, '_id'>): Promise<void> {
    await newest(this.teams, `${team.tenantId}:${team.teamId}`, team);
  }

  async team(tenantId: string, teamId: string): Promise<TeamDoc | null> {
    return this.teams.findOne({ _id: `${tenantId}:${teamId}`, tenantId, deleted: false }).lean();
  }

  async putCustomField(field: Omit<CustomFieldDoc, '_id'> & { fieldId: string }): Promise<void> {
    const { fieldId, ...doc } = field;
    await newest(this.customFields, `${field.tenantId}:${field.resourceType}:${fieldId}`, doc);
  }

  /** The live custom fields of a record type, by name. */
  async customFieldsOf(tenantId: string, resourceType: CustomFieldDoc['resourceType']): Promise<Map<string, CustomFieldDoc>> {
    const docs = await this.customFields.find({ tenantId, resourceType, deleted: false }).lean();
    return new Map(docs.map((d) => [d.name, d]));
  }

  /** The active members of a team. */
  async teamMembers(tenantId: string, teamId: string): Promise<DirectoryUserDoc[]> {
    return this.users.find({ tenantId, teamId, status: 'active' }).lean();
  }

  async putUser(user: Omit<DirectoryUserDoc, '_id'>): Promise<void> {
    await newest(this.users, `${user.tenantId}:${user.userId}`, user);
  }

  /** Stores a record's owner, name and fields (a name/value list: field names may hold dots). */
  async putRecord(record: Omit<RecordDoc, '_id' | 'fields'> & { fields: Record<string, unknown> }): Promise<void> {
    const fields = Object.entries(record.fields).map(([name, value]) => ({ name, value }));
    await newest(this.records, `${record.tenantId}:${record.type}:${record.recordId}`, { ...record, fields });
  }

  async user(tenantId: string, userId: string): Promise<DirectoryUserDoc | null> {
    return this.users.findOne({ _id: `${tenantId}:${userId}`, tenantId }).lean();
  }

  async usersByIds(tenantId: string, userIds: readonly string[]): Promise<DirectoryUserDoc[]> {
    if (userIds.length === 0) return [];
    return this.users.find({ tenantId, _id: { $in: userIds.map((id) => `${tenantId}:${id}`) } }).lean();
  }

  async activeAdmins(tenantId: string): Promise<string[]> {
    const admins = await this.users.find({ tenantId, role: 'admin', status: 'active' }, { userId: 1 }).lean();
    return admins.map((a) => a.userId).sort((a, b) => Number(a) - Number(b));
  }

  async record(tenantId: string, type: RecordDoc['type'], recordId: string): Promise<RecordDoc | null> {
    return this.records.findOne({ _id: `${tenantId}:${type}:${recordId}`, tenantId, deleted: false }).lean();
  }
}

/** Writes `doc` under `_id` unless a newer version is stored. */
async function newest<T extends { version: Date }>(model: Model<T & { _id: string }>, _id: string, doc: T): Promise<void> {
  try {
    await model.updateOne({ _id, version: { $lte: doc.version } } as never, { $set: doc } as never, { upsert: true });
  } catch (e) {
    // The upsert found no older version and tried to insert: a newer one is stored.
    if (!isDuplicateKeyError(e)) throw e;
  }
}
