import { Module } from '@nestjs/common';
import { CalendarTasksModule } from '../upstreams/calendar-tasks/calendar-tasks.module';
import { DealsPipelinesModule } from '../upstreams/deals-pipelines/deals-pipelines.module';
import { NotificationsModule } from '../upstreams/notifications/notifications.module';
import { DashboardHttpController } from './dashboard.http-controller';
import { dashboardOpenApi } from './dashboard.openapi';

/** `/v2/dashboard`: one call over deals-pipelines' analytics, the notifications' activity stream and calendar-tasks' tasks and appointments. */
@Module({
  imports: [DealsPipelinesModule, NotificationsModule, CalendarTasksModule],
  controllers: [DashboardHttpController],
})
export class DashboardModule {
  static openApi = dashboardOpenApi;
}
