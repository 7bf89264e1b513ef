// The process-wide tokens come from @crm/service, so its health and relay providers find them.
export { DATABASE, KAFKA, LOGGER } from '@crm/service';
/** Injection token of the parsed configuration. */
export const CONFIG = Symbol('CONFIG');
/** Keycloak's Admin API, with the directory's service account. */
export const KEYCLOAK_ADMIN = Symbol('KEYCLOAK_ADMIN');
/** The object storage of account logos. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');
