import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { isDuplicateKeyError } from '@crm/db-mongo';
import { MONGO } from '../notifications.constants';
import { firstIdOf } from '../time-ordered-ids';
import type { ActivityKind } from '@crm/proto';
import { activityModel, type ActivityDoc, type ActivityRecordType } from './activity.model';

/** Which activities a page holds; `ownerIds` is already narrowed to what the caller may see ('all': no owner condition). */
export interface ActivityQuery {
  ownerIds: readonly string[] | 'all';
  kinds: readonly ActivityKind[];
  actorIds: readonly string[];
  record?: { type: ActivityRecordType; id: string };
  from?: Date;
  to?: Date;
  beforeId?: string;
  limit: number;
}

@Injectable()
export class ActivitiesRepository {
  private readonly activities: Model<ActivityDoc>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.activities = activityModel(connection);
  }

  /** Stores an activity; a redelivered event's is already there and nothing changes. */
  async insert(doc: ActivityDoc): Promise<void> {
    try {
      await this.activities.create(doc);
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }

  /** The record's activities follow its owner (only those that differ are written). */
  async followOwner(tenantId: string, recordType: ActivityRecordType, recordId: string, ownerId: string): Promise<void> {
    await this.activities.updateMany({ tenantId, recordType, recordId, ownerId: { $ne: ownerId } }, { $set: { ownerId } });
  }

  /** Activities written before their record was known (its events came later): its name and owner now. */
  async fillRecord(tenantId: string, recordType: ActivityRecordType, recordId: string, ownerId: string, name: string): Promise<void> {
    await this.activities.updateMany({ tenantId, recordType, recordId, recordName: '' }, { $set: { recordName: name, ownerId } });
  }

  async page(tenantId: string, query: ActivityQuery): Promise<ActivityDoc[]> {
    const filter: Record<string, unknown> = { tenantId };
    if (query.ownerIds !== 'all') filter.ownerId = query.ownerIds.length === 1 ? query.ownerIds[0] : { $in: [...query.ownerIds] };
    if (query.kinds.length > 0) filter.kind = { $in: [...query.kinds] };
    if (query.actorIds.length > 0) filter.actorId = { $in: [...query.actorIds] };
    if (query.record) Object.assign(filter, { recordType: query.record.type, recordId: query.record.id });
    const id: Record<string, string> = {};
    if (query.from) id.$gte = firstIdOf(query.from);
    const upper = [query.to ? firstIdOf(query.to) : undefined, query.beforeId].filter((x): x is string => !!x).sort()[0];
    if (upper) id.$lt = upper;
    if (Object.keys(id).length > 0) filter._id = id;
    return this.activities.find(filter).sort({ _id: -1 }).limit(query.limit).lean();
  }
}
