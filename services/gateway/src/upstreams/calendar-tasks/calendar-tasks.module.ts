import { Module } from '@nestjs/common';
import { crm } from '@crm/proto';
import { grpcClient } from '../../upstream-clients';
import { TASKS_CLIENT } from './calendar-tasks.constants';
import { calendarTasksOpenApi } from './calendar-tasks.openapi';
import { TasksHttpController } from './tasks/tasks.http-controller';

/** What the gateway serves from calendar-tasks: tasks. */
@Module({
  controllers: [TasksHttpController],
  providers: [grpcClient(TASKS_CLIENT, crm.calendar.v1.TasksServiceClient, (config) => config.services.calendarTasks)],
})
export class CalendarTasksModule {
  static openApi = calendarTasksOpenApi;
}
