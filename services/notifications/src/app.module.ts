import { Module, type DynamicModule } from '@nestjs/common';
import { GrpcServerModule, HealthHttpController, MONGO_INFRASTRUCTURE_TOKENS, mongoServiceInfrastructure } from '@crm/service';
import type { NotificationsConfig } from './config/notifications.config';
import { InboxRepository } from './inbox/inbox.repository';
import { InboxService } from './inbox/inbox.service';
import { NotificationPreferencesGrpcController, NotificationsGrpcController } from './inbox/notifications.grpc-controllers';
import { CONFIG } from './notifications.constants';
import { PreferencesRepository } from './preferences/preferences.repository';
import { PreferencesService } from './preferences/preferences.service';
import { DomainEventsConsumer } from './presets/domain-events.consumer';
import { Notifier } from './presets/notifier';
import { ReadModelsRepository } from './read-models/read-models.repository';

@Module({})
export class AppModule {
  static forConfig(config: NotificationsConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [GrpcServerModule.forRoot(config.grpc)],
      controllers: [HealthHttpController],
      providers: [
        { provide: CONFIG, useValue: config },
        ...mongoServiceInfrastructure(config),
        ReadModelsRepository,
        InboxRepository,
        InboxService,
        PreferencesRepository,
        PreferencesService,
        Notifier,
        DomainEventsConsumer,
        NotificationsGrpcController,
        NotificationPreferencesGrpcController,
      ],
      exports: [CONFIG, ...MONGO_INFRASTRUCTURE_TOKENS],
    };
  }
}
