import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO } from '../notifications.constants';
import { pushSubscriptionModel, type PushSubscriptionDoc } from './push-subscription.model';

@Injectable()
export class PushSubscriptionsRepository {
  private readonly subscriptions: Model<PushSubscriptionDoc>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.subscriptions = pushSubscriptionModel(connection);
  }

  async ofUser(tenantId: string, userId: string): Promise<PushSubscriptionDoc[]> {
    return this.subscriptions.find({ tenantId, userId }).sort({ createdAt: 1 }).lean();
  }

  async countOfUser(tenantId: string, userId: string): Promise<number> {
    return this.subscriptions.countDocuments({ tenantId, userId });
  }

  async get(tenantId: string, id: string): Promise<PushSubscriptionDoc | null> {
    return this.subscriptions.findOne({ _id: id, tenantId }).lean();
  }

  /** Stores the subscription, or replaces the keys and user of the same endpoint's. */
  async put(doc: PushSubscriptionDoc): Promise<PushSubscriptionDoc> {
    const { _id, createdAt, ...rest } = doc;
    await this.subscriptions.updateOne({ _id, tenantId: doc.tenantId }, { $set: rest, $setOnInsert: { createdAt } }, { upsert: true });
    return (await this.get(doc.tenantId, _id))!;
  }

  async delete(tenantId: string, userId: string, id: string): Promise<boolean> {
    return (await this.subscriptions.deleteOne({ _id: id, tenantId, userId })).deletedCount === 1;
  }

  /** Removes a subscription the push service says is gone, whoever holds it now. */
  async expire(tenantId: string, id: string): Promise<void> {
    await this.subscriptions.deleteOne({ _id: id, tenantId });
  }

  async succeeded(tenantId: string, id: string, at: Date): Promise<void> {
    await this.subscriptions.updateOne({ _id: id, tenantId }, { $set: { lastSuccessAt: at } });
  }
}
