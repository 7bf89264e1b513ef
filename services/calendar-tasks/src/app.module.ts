import { Module, type DynamicModule } from '@nestjs/common';
import { OwnersModule, ReferenceListsModule } from '@crm/records';
import { GrpcServerModule, HealthHttpController, INFRASTRUCTURE_TOKENS, OutboxRelayService, serviceInfrastructure } from '@crm/service';
import { AppointmentsModule } from './appointments/appointments.module';
import { CONFIG } from './calendar-tasks.constants';
import { ActivitiesModule } from './calls/activities.module';
import type { CalendarTasksConfig } from './config/calendar-tasks.config';
import { RecordEventsConsumer } from './records/record-events.consumer';
import { RemindersModule } from './reminders/reminders.module';
import { TasksModule } from './tasks/tasks.module';

/** Advisory-lock key of this service's outbox relay (unique per service database). */
const RELAY_LOCK_KEY = 4_205;

/** Call and visit outcomes; every new tenant starts with these. */
const REFERENCE_LISTS = ReferenceListsModule.register({
  lists: {
    call_outcome: { defaults: ['Interested', 'Not interested', 'Left voicemail', 'No answer', 'Wrong number'], usedBy: 'calls' },
    visit_outcome: { defaults: ['Met decision maker', 'Left materials', 'Follow-up needed', 'Nobody available'], usedBy: 'visits' },
  },
  events: { created: 'calendarReferenceItemCreated', updated: 'calendarReferenceItemUpdated', deleted: 'calendarReferenceItemDeleted' },
});

@Module({})
export class AppModule {
  static forConfig(config: CalendarTasksConfig): DynamicModule {
    const providers = [{ provide: CONFIG, useValue: config }, ...serviceInfrastructure(config, RELAY_LOCK_KEY)];
    return {
      module: AppModule,
      global: true,
      imports: [GrpcServerModule.forRoot(config.grpc), TasksModule, AppointmentsModule, ActivitiesModule, RemindersModule, REFERENCE_LISTS, OwnersModule.register(config.owners)],
      controllers: [HealthHttpController],
      providers: [...providers, OutboxRelayService, RecordEventsConsumer],
      exports: [CONFIG, ...INFRASTRUCTURE_TOKENS],
    };
  }
}
