import { Module } from '@nestjs/common';
import { crm } from '@crm/proto';
import { grpcClient, type UpstreamAddress } from '../../upstream-clients';
import { ActivitiesHttpController } from './activities.http-controller';
import { ACTIVITIES_CLIENT, NOTIFICATION_PREFERENCES_CLIENT, NOTIFICATION_SUBSCRIPTIONS_CLIENT, NOTIFICATION_UNSUBSCRIBE_CLIENT, NOTIFICATIONS_CLIENT, PUSH_SUBSCRIPTIONS_CLIENT } from './notifications.constants';
import { PushSubscriptionsHttpController } from './push-subscriptions.http-controller';
import { SubscriptionsHttpController } from './subscriptions.http-controller';
import { UnsubscribeHttpController } from './unsubscribe.http-controller';
import { NotificationPreferencesHttpController, NotificationsHttpController } from './notifications.http-controllers';
import { LiveNotificationsHub } from './live-notifications.hub';
import { notificationsOpenApi } from './notifications.openapi';

const address: UpstreamAddress = (config) => config.services.notifications;

/** What the gateway serves from notifications: the activity stream, custom subscriptions, the caller's inbox, notification preferences and push subscriptions, and the unsubscribe links of mail. */
@Module({
  controllers: [ActivitiesHttpController, SubscriptionsHttpController, NotificationsHttpController, NotificationPreferencesHttpController, UnsubscribeHttpController, PushSubscriptionsHttpController],
  providers: [
    LiveNotificationsHub,
    grpcClient(NOTIFICATIONS_CLIENT, crm.notifications.v1.NotificationsServiceClient, address), grpcClient(NOTIFICATION_PREFERENCES_CLIENT, crm.notifications.v1.NotificationPreferencesServiceClient, address),
    grpcClient(NOTIFICATION_UNSUBSCRIBE_CLIENT, crm.notifications.v1.NotificationUnsubscribeServiceClient, address),
    grpcClient(PUSH_SUBSCRIPTIONS_CLIENT, crm.notifications.v1.PushSubscriptionsServiceClient, address),
    grpcClient(ACTIVITIES_CLIENT, crm.notifications.v1.ActivitiesServiceClient, address),
    grpcClient(NOTIFICATION_SUBSCRIPTIONS_CLIENT, crm.notifications.v1.NotificationSubscriptionsServiceClient, address),
  ],
  exports: [ACTIVITIES_CLIENT],
})
export class NotificationsModule {
  static openApi = notificationsOpenApi;
}
