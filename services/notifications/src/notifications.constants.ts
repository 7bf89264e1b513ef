// The process-wide tokens come from @crm/service, so its health and consumer providers find them.
export { KAFKA, LOGGER, MONGO } from '@crm/service';
/** Injection token of the parsed configuration. */
export const CONFIG = Symbol('CONFIG');
