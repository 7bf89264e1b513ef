// The process-wide tokens come from @crm/service, so its health and relay providers find them.
export { DATABASE, KAFKA, LOGGER } from '@crm/service';
/** Injection token of the parsed configuration. */
export const CONFIG = Symbol('CONFIG');
/** gRPC clients of the services whose records tasks are on (checks run as the caller). */
export const LEADS_CLIENT = Symbol('LEADS_CLIENT');
export const CONTACTS_CLIENT = Symbol('CONTACTS_CLIENT');
export const DEALS_CLIENT = Symbol('DEALS_CLIENT');
/** leads-contacts' phone lookup, for calls and texts the voice provider reports. */
export const PHONE_LOOKUP_CLIENT = Symbol('PHONE_LOOKUP_CLIENT');
/** The directory's users, for attendees' names and addresses. */
export const USERS_CLIENT = Symbol('USERS_CLIENT');
/** The directory's account settings, for the logo invitations carry. */
export const ACCOUNTS_CLIENT = Symbol('ACCOUNTS_CLIENT');
/** The process's outbound mailer (@crm/mail). */
export const MAILER = Symbol('MAILER');
/** The SecretBox of the CalDAV passwords users give. */
export const SECRET_BOX = Symbol('SECRET_BOX');
