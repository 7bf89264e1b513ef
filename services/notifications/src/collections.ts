import type { Connection, Model } from 'mongoose';
import { processedEventModel } from '@crm/db-mongo';
import { activityModel } from './activities/activity.model';
import { deliveryModel } from './delivery/delivery.model';
import { inboxStateModel, notificationModel } from './inbox/notification.model';
import { preferencesModel } from './preferences/preferences.repository';
import { pushSubscriptionModel } from './push/push-subscription.model';
import { customFieldModel, directoryUserModel, recordModel, teamModel } from './read-models/read-model.models';
import { deferredTriggerModel, subscriptionModel } from './subscriptions/subscription.model';

/** Every collection of the service, created with its indexes by `main.js migrate`. */
export function collectionsOf(connection: Connection): Model<never>[] {
  return [notificationModel(connection), inboxStateModel(connection), deliveryModel(connection), preferencesModel(connection), pushSubscriptionModel(connection), directoryUserModel(connection), recordModel(connection), teamModel(connection), customFieldModel(connection), subscriptionModel(connection), deferredTriggerModel(connection), activityModel(connection), processedEventModel(connection)] as unknown as Model<never>[];
}
