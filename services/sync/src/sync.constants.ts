// The process-wide tokens come from @crm/service, so its health and relay providers find them.
export { DATABASE, KAFKA, LOGGER } from '@crm/service';
/** Injection token of the parsed configuration. */
export const CONFIG = Symbol('CONFIG');
