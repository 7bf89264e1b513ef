/** Injection token of the service's Kysely instance. */
export const DATABASE = Symbol('DATABASE');
/** Injection token of the service's Kafka client. */
export const KAFKA = Symbol('KAFKA');
/** Injection token of the parsed configuration. */
export const CONFIG = Symbol('CONFIG');
/** Injection token of the pino logger. */
export const LOGGER = Symbol('LOGGER');
/** Injection token of the object storage holding document bytes and import/export files. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');
