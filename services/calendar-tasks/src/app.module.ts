import { Module, type DynamicModule } from '@nestjs/common';
import { OwnersModule } from '@crm/records';
import { GrpcServerModule, HealthHttpController, INFRASTRUCTURE_TOKENS, OutboxRelayService, serviceInfrastructure } from '@crm/service';
import { CONFIG } from './calendar-tasks.constants';
import type { CalendarTasksConfig } from './config/calendar-tasks.config';
import { RemindersModule } from './reminders/reminders.module';
import { TasksModule } from './tasks/tasks.module';

/** Advisory-lock key of this service's outbox relay (unique per service database). */
const RELAY_LOCK_KEY = 4_205;

@Module({})
export class AppModule {
  static forConfig(config: CalendarTasksConfig): DynamicModule {
    const providers = [{ provide: CONFIG, useValue: config }, ...serviceInfrastructure(config, RELAY_LOCK_KEY)];
    return {
      module: AppModule,
      global: true,
      imports: [GrpcServerModule.forRoot(config.grpc), TasksModule, RemindersModule, OwnersModule.register(config.owners)],
      controllers: [HealthHttpController],
      providers: [...providers, OutboxRelayService],
      exports: [CONFIG, ...INFRASTRUCTURE_TOKENS],
    };
  }
}
