import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum NotificationsErrorCode {
  NotificationNotFound = 'NOTIFICATION_NOT_FOUND',
  InvalidPreferences = 'INVALID_PREFERENCES',
  AccountDefaultsAdminOnly = 'ACCOUNT_DEFAULTS_ADMIN_ONLY',
  UnsubscribeLinkNotFound = 'UNSUBSCRIBE_LINK_NOT_FOUND',
  PushSubscriptionNotFound = 'PUSH_SUBSCRIPTION_NOT_FOUND',
  InvalidPushSubscription = 'INVALID_PUSH_SUBSCRIPTION',
  PushNotConfigured = 'PUSH_NOT_CONFIGURED',
  InvalidActivityQuery = 'INVALID_ACTIVITY_QUERY',
  SubscriptionNotFound = 'SUBSCRIPTION_NOT_FOUND',
  InvalidSubscription = 'INVALID_SUBSCRIPTION',
  SubscriptionNotYours = 'SUBSCRIPTION_NOT_YOURS',
  TeamSubscriptionManagersOnly = 'TEAM_SUBSCRIPTION_MANAGERS_ONLY',
}

export class NotificationsError extends DomainError<NotificationsErrorCode> {
  static notFound(id: string): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.NotificationNotFound, ErrorKind.NotFound, `notification ${id} not found`, { resource: 'notification' });
  }

  static invalidPreferences(violations: FieldViolation[]): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.InvalidPreferences, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'notification_preferences', violations });
  }

  /** A token that is malformed, forged or of another key: the link names nothing. */
  static unsubscribeLinkNotFound(): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.UnsubscribeLinkNotFound, ErrorKind.NotFound, 'unsubscribe link not found', { resource: 'unsubscribe_link' });
  }

  static pushSubscriptionNotFound(id: string): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.PushSubscriptionNotFound, ErrorKind.NotFound, `push subscription ${id} not found`, { resource: 'push_subscription' });
  }

  static invalidPushSubscription(violations: FieldViolation[]): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.InvalidPushSubscription, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'push_subscription', violations });
  }

  /** The server has no VAPID keys: it cannot send push messages, so it takes no subscription. */
  static pushNotConfigured(): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.PushNotConfigured, ErrorKind.FailedPrecondition, 'Web Push is not configured on this server', { resource: 'push_subscription' });
  }

  static invalidActivityQuery(violations: FieldViolation[]): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.InvalidActivityQuery, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'activity', violations });
  }

  static subscriptionNotFound(id: string): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.SubscriptionNotFound, ErrorKind.NotFound, `notification subscription ${id} not found`, { resource: 'notification_subscription' });
  }

  static invalidSubscription(violations: FieldViolation[]): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.InvalidSubscription, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'notification_subscription', violations });
  }

  /** A team's subscription its member may read but only its maker or an admin change. */
  static subscriptionNotYours(): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.SubscriptionNotYours, ErrorKind.PermissionDenied, 'only its maker or an admin changes a subscription', { resource: 'notification_subscription' });
  }

  static teamSubscriptionManagersOnly(): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.TeamSubscriptionManagersOnly, ErrorKind.PermissionDenied, 'only managers and admins make subscriptions for a team', { resource: 'notification_subscription' });
  }

  static accountDefaultsAdminOnly(): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.AccountDefaultsAdminOnly, ErrorKind.PermissionDenied, 'only admins change the account\'s notification defaults', { resource: 'notification_preferences' });
  }
}
