import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { insertAllNew } from '@crm/db-mongo';
import { MONGO } from '../notifications.constants';
import { deliveryModel, type DeliveryDoc } from './delivery.model';

/** The queue of sends and their audit. Claims and outcomes are single-document updates, atomic on any store. */
@Injectable()
export class DeliveriesRepository {
  private readonly deliveries: Model<DeliveryDoc>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.deliveries = deliveryModel(connection);
  }

  /** Queues each delivery not queued before (their ids are their unique keys). */
  async ensure(docs: readonly DeliveryDoc[]): Promise<void> {
    await insertAllNew(this.deliveries, docs);
  }

  /** Leases the oldest due delivery of any tenant to `owner` until `leaseUntil`, or answers null when none is due. */
  async claimDue(owner: string, now: Date, leaseUntil: Date): Promise<DeliveryDoc | null> {
    return this.deliveries
      .findOneAndUpdate(
        { status: 'pending', nextAttemptAt: { $lte: now }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
        { $set: { leaseOwner: owner, leaseUntil }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1 }, new: true },
      )
      .lean();
  }

  /** Records the outcome of a leased attempt; false when the lease was lost (another replica took it over). */
  async settle(id: string, owner: string, outcome: { status: 'sent' | 'failed' | 'skipped'; at: Date; detail?: string; error?: string } | { status: 'pending'; retryAt: Date; error: string }): Promise<boolean> {
    const $set: Record<string, unknown> = { status: outcome.status, leaseOwner: null, leaseUntil: null };
    if (outcome.status === 'pending') Object.assign($set, { nextAttemptAt: outcome.retryAt, lastError: outcome.error });
    else Object.assign($set, { ...(outcome.status === 'sent' ? { sentAt: outcome.at } : {}), ...(outcome.detail !== undefined ? { detail: outcome.detail } : {}), ...(outcome.error !== undefined ? { lastError: outcome.error } : {}) });
    const result = await this.deliveries.updateOne({ _id: id, leaseOwner: owner }, { $set });
    return result.modifiedCount === 1;
  }

  async ofNotification(tenantId: string, notificationId: string): Promise<DeliveryDoc[]> {
    return this.deliveries.find({ tenantId, notificationId }).sort({ channel: 1 }).lean();
  }
}
