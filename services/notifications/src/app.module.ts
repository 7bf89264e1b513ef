import { Module, type DynamicModule } from '@nestjs/common';
import { Mailer } from '@crm/mail';
import { GrpcServerModule, HealthHttpController, MONGO_INFRASTRUCTURE_TOKENS, mongoServiceInfrastructure } from '@crm/service';
import { ActivitiesGrpcController } from './activities/activities.grpc-controller';
import { ActivitiesRepository } from './activities/activities.repository';
import { ActivitiesService } from './activities/activities.service';
import { ActivityRecorder } from './activities/activity-recorder';
import type { NotificationsConfig } from './config/notifications.config';
import { InboxRepository } from './inbox/inbox.repository';
import { InboxService } from './inbox/inbox.service';
import { NotificationPreferencesGrpcController, NotificationsGrpcController, NotificationUnsubscribeGrpcController } from './inbox/notifications.grpc-controllers';
import { CHANNEL_SENDERS } from './delivery/channel-sender';
import { DeliveriesRepository } from './delivery/deliveries.repository';
import { DeliveryDispatcher } from './delivery/delivery.dispatcher';
import { LiveSender } from './delivery/live.sender';
import { EmailSender } from './email/email.sender';
import { NotificationLinks } from './email/notification-links';
import { CONFIG, MAILER, NOTIFICATION_LINKS } from './notifications.constants';
import { UnsubscribeService } from './preferences/unsubscribe.service';
import { PushSender } from './push/push.sender';
import { PushSubscriptionsGrpcController } from './push/push-subscriptions.grpc-controller';
import { PushSubscriptionsRepository } from './push/push-subscriptions.repository';
import { PushSubscriptionsService } from './push/push-subscriptions.service';
import { PreferencesRepository } from './preferences/preferences.repository';
import { PreferencesService } from './preferences/preferences.service';
import { DomainEventsConsumer } from './presets/domain-events.consumer';
import { Notifier } from './presets/notifier';
import { ReadModelsRepository } from './read-models/read-models.repository';
import { RetentionRepository } from './retention/retention.repository';
import { RetentionWorker } from './retention/retention.worker';
import { FieldCatalogue } from './subscriptions/field-catalogue';
import { SubscriptionMatcher } from './subscriptions/subscription-matcher';
import { SubscriptionsGrpcController } from './subscriptions/subscriptions.grpc-controller';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

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
        { provide: MAILER, useFactory: () => new Mailer(config.mail) },
        { provide: NOTIFICATION_LINKS, useValue: new NotificationLinks(config.links) },
        EmailSender,
        PushSender,
        LiveSender,
        { provide: CHANNEL_SENDERS, useFactory: (live: LiveSender, email: EmailSender, push: PushSender) => [live, email, push], inject: [LiveSender, EmailSender, PushSender] },
        PushSubscriptionsRepository,
        PushSubscriptionsService,
        PushSubscriptionsGrpcController,
        DeliveriesRepository,
        DeliveryDispatcher,
        UnsubscribeService,
        NotificationUnsubscribeGrpcController,
        ReadModelsRepository,
        InboxRepository,
        InboxService,
        PreferencesRepository,
        PreferencesService,
        Notifier,
        ActivitiesRepository,
        ActivityRecorder,
        ActivitiesService,
        ActivitiesGrpcController,
        RetentionRepository,
        RetentionWorker,
        FieldCatalogue,
        SubscriptionsRepository,
        SubscriptionsService,
        SubscriptionMatcher,
        SubscriptionsGrpcController,
        DomainEventsConsumer,
        NotificationsGrpcController,
        NotificationPreferencesGrpcController,
      ],
      exports: [CONFIG, ...MONGO_INFRASTRUCTURE_TOKENS],
    };
  }
}
