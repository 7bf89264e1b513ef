/** Injection tokens of the gRPC clients of notifications. */
export const NOTIFICATIONS_CLIENT = Symbol('NOTIFICATIONS_CLIENT');
export const NOTIFICATION_PREFERENCES_CLIENT = Symbol('NOTIFICATION_PREFERENCES_CLIENT');
