import { Inject, Injectable } from '@nestjs/common';
import { PeriodicWorker } from '@crm/service';
import type { NotificationsConfig } from '../config/notifications.config';
import { CONFIG } from '../notifications.constants';
import { RetentionRepository } from './retention.repository';

const DAY_MS = 86_400_000;

/**
 * The retention job: MongoDB would expire documents by TTL index, FerretDB (the local stack and
 * tests) has none, so every replica deletes what has passed its retention once an interval.
 */
@Injectable()
export class RetentionWorker extends PeriodicWorker {
  protected readonly intervalMs: number;
  protected override readonly enabled: boolean;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    private readonly repository: RetentionRepository,
  ) {
    super();
    this.intervalMs = config.retention.intervalMs;
    this.enabled = config.retention.enabled;
  }

  protected async runPass(): Promise<void> {
    const { notificationDays, activityDays, processedEventDays } = this.config.retention;
    const before = (days: number) => new Date(Date.now() - days * DAY_MS);
    const notifications = await this.repository.dropNotifications(before(notificationDays));
    const activities = activityDays > 0 ? await this.repository.dropActivities(before(activityDays)) : 0;
    const processedEvents = await this.repository.dropProcessedEvents(before(processedEventDays));
    if (notifications + activities + processedEvents > 0) this.logger.info({ notifications, activities, processedEvents }, 'retention: deleted what passed its time');
  }
}
