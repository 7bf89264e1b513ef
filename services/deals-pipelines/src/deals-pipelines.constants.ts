// The process-wide tokens come from @crm/service, so its health and relay providers find them.
export { DATABASE, KAFKA, LOGGER } from '@crm/service';
/** Injection token of the parsed configuration. */
export const CONFIG = Symbol('CONFIG');
/** gRPC client of the leads-contacts ContactsService (contact checks run as the caller). */
export const CONTACTS_CLIENT = Symbol('CONTACTS_CLIENT');
export const LEADS_CLIENT = Symbol('LEADS_CLIENT');
