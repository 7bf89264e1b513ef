import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { processedEventModel } from '@crm/db-mongo';
import { activityModel, type ActivityDoc } from '../activities/activity.model';
import { deliveryModel, type DeliveryDoc } from '../delivery/delivery.model';
import { notificationModel, type NotificationDoc } from '../inbox/notification.model';
import { MONGO } from '../notifications.constants';
import { deferredTriggerModel, type DeferredTriggerDoc } from '../subscriptions/subscription.model';
import { firstIdOf } from '../time-ordered-ids';

/** Deletes what is older than a cutoff, across tenants (the job's work; no request reaches it). */
@Injectable()
export class RetentionRepository {
  private readonly notifications: Model<NotificationDoc>;
  private readonly deliveries: Model<DeliveryDoc>;
  private readonly activities: Model<ActivityDoc>;
  private readonly processed: ReturnType<typeof processedEventModel>;
  private readonly deferred: Model<DeferredTriggerDoc>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.notifications = notificationModel(connection);
    this.deliveries = deliveryModel(connection);
    this.activities = activityModel(connection);
    this.processed = processedEventModel(connection);
    this.deferred = deferredTriggerModel(connection);
  }

  /** Notifications made before `cutoff` (their ids are time-ordered) and their sends. */
  async dropNotifications(cutoff: Date): Promise<number> {
    const { deletedCount } = await this.notifications.deleteMany({ _id: { $lt: firstIdOf(cutoff) } });
    await this.deliveries.deleteMany({ createdAt: { $lt: cutoff } });
    return deletedCount;
  }

  /** Activities whose events were made before `cutoff`. */
  async dropActivities(cutoff: Date): Promise<number> {
    return (await this.activities.deleteMany({ _id: { $lt: firstIdOf(cutoff) } })).deletedCount;
  }

  /** Processed events, and triggers still waiting for a record that never came (deleted, or of no interest). */
  async dropProcessedEvents(cutoff: Date): Promise<number> {
    await this.deferred.deleteMany({ _id: { $lt: firstIdOf(cutoff) } });
    return (await this.processed.deleteMany({ processedAt: { $lt: cutoff } })).deletedCount;
  }
}
