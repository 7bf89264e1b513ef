import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { insertAllNew } from '@crm/db-mongo';
import type { FilteredRecordType } from '@crm/conditions';
import { MONGO } from '../notifications.constants';
import { deferredTriggerModel, subscriptionModel, type DeferredTriggerDoc, type SubscriptionDoc } from './subscription.model';

/** Subscriptions of one tenant at a time. */
@Injectable()
export class SubscriptionsRepository {
  private readonly subscriptions: Model<SubscriptionDoc>;
  private readonly deferred: Model<DeferredTriggerDoc>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.subscriptions = subscriptionModel(connection);
    this.deferred = deferredTriggerModel(connection);
  }

  /** Keeps a trigger until its record is known (once per event, however often it comes). */
  async defer(doc: DeferredTriggerDoc): Promise<void> {
    await insertAllNew(this.deferred, [doc]);
  }

  async deferredOf(tenantId: string, resourceType: FilteredRecordType, recordId: string): Promise<DeferredTriggerDoc[]> {
    return this.deferred.find({ tenantId, resourceType, recordId }).sort({ _id: 1 }).lean();
  }

  async resumed(tenantId: string, id: string): Promise<void> {
    await this.deferred.deleteOne({ _id: id, tenantId });
  }

  async insert(doc: SubscriptionDoc): Promise<void> {
    await this.subscriptions.create(doc);
  }

  async replace(doc: SubscriptionDoc): Promise<void> {
    await this.subscriptions.replaceOne({ _id: doc._id, tenantId: doc.tenantId }, doc);
  }

  async delete(tenantId: string, id: string): Promise<void> {
    await this.subscriptions.deleteOne({ _id: id, tenantId });
  }

  async get(tenantId: string, id: string): Promise<SubscriptionDoc | null> {
    return this.subscriptions.findOne({ _id: id, tenantId }).lean();
  }

  /** The caller's own and their team's (`teamId`), or, for an admin (`all`), every one of the tenant. */
  async list(tenantId: string, who: { creatorId: string; teamId: string | null } | 'all', resourceType?: FilteredRecordType): Promise<SubscriptionDoc[]> {
    const filter: Record<string, unknown> = { tenantId, ...(resourceType ? { resourceType } : {}) };
    if (who !== 'all') filter.$or = [{ creatorId: who.creatorId }, ...(who.teamId ? [{ teamId: who.teamId }] : [])];
    return this.subscriptions.find(filter).sort({ _id: 1 }).limit(1_000).lean();
  }

  async countOfCreator(tenantId: string, creatorId: string): Promise<number> {
    return this.subscriptions.countDocuments({ tenantId, creatorId });
  }

  /** The enabled subscriptions an event of this record type and trigger may concern. */
  async concerned(tenantId: string, resourceType: FilteredRecordType, triggerType: string): Promise<SubscriptionDoc[]> {
    return this.subscriptions.find({ tenantId, resourceType, triggerTypes: triggerType, enabled: true }).lean();
  }
}
