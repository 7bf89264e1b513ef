import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum NotificationsErrorCode {
  NotificationNotFound = 'NOTIFICATION_NOT_FOUND',
  InvalidPreferences = 'INVALID_PREFERENCES',
  AccountDefaultsAdminOnly = 'ACCOUNT_DEFAULTS_ADMIN_ONLY',
}

export class NotificationsError extends DomainError<NotificationsErrorCode> {
  static notFound(id: string): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.NotificationNotFound, ErrorKind.NotFound, `notification ${id} not found`, { resource: 'notification' });
  }

  static invalidPreferences(violations: FieldViolation[]): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.InvalidPreferences, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'notification_preferences', violations });
  }

  static accountDefaultsAdminOnly(): NotificationsError {
    return new NotificationsError(NotificationsErrorCode.AccountDefaultsAdminOnly, ErrorKind.PermissionDenied, 'only admins change the account\'s notification defaults', { resource: 'notification_preferences' });
  }
}
