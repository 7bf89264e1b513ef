import { Module } from '@nestjs/common';
import { crm } from '@crm/proto';
import { grpcClient, type UpstreamAddress } from '../../upstream-clients';
import { NOTIFICATION_PREFERENCES_CLIENT, NOTIFICATIONS_CLIENT } from './notifications.constants';
import { NotificationPreferencesHttpController, NotificationsHttpController } from './notifications.http-controllers';
import { notificationsOpenApi } from './notifications.openapi';

const address: UpstreamAddress = (config) => config.services.notifications;

/** What the gateway serves from notifications: the caller's inbox and notification preferences. */
@Module({
  controllers: [NotificationsHttpController, NotificationPreferencesHttpController],
  providers: [grpcClient(NOTIFICATIONS_CLIENT, crm.notifications.v1.NotificationsServiceClient, address), grpcClient(NOTIFICATION_PREFERENCES_CLIENT, crm.notifications.v1.NotificationPreferencesServiceClient, address)],
})
export class NotificationsModule {
  static openApi = notificationsOpenApi;
}
