import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NotificationListener } from '@crm/db-pg';
import { NOTIFICATIONS } from './tokens';

/** Keeps the process's one listening database connection (NOTIFICATIONS) open while the service runs. */
@Injectable()
export class DatabaseNotificationsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(NOTIFICATIONS) private readonly notifications: NotificationListener) {}

  onApplicationBootstrap(): void {
    this.notifications.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.notifications.stop();
  }
}
