// The process-wide tokens come from @crm/service, so its health and consumer providers find them.
export { KAFKA, LOGGER, MONGO } from '@crm/service';
/** Injection token of the parsed configuration. */
export const CONFIG = Symbol('CONFIG');
/** The process's outbound mailer (@crm/mail). */
export const MAILER = Symbol('MAILER');
/** The NotificationLinks of the configured base URLs and unsubscribe key. */
export const NOTIFICATION_LINKS = Symbol('NOTIFICATION_LINKS');
