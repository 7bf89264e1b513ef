/** Injection token of the service's Kysely instance. */
export const DATABASE = Symbol('DATABASE');
/** Injection token of the service's Kafka client. */
export const KAFKA = Symbol('KAFKA');
/** Injection token of the pino logger. */
export const LOGGER = Symbol('LOGGER');
/** Injection token of the outbox relay's settings ({@link OutboxRelayOptions}). */
export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');
/** Injection token of the process's database notification listener (NotificationListener of @crm/db-pg). */
export const NOTIFICATIONS = Symbol('NOTIFICATIONS');
/** Injection token of the service's mongoose connection (MongoDB-backed services). */
export const MONGO = Symbol('MONGO');
/** Injection token of the readiness check of the service's store: resolves when it answers. */
export const READINESS_CHECK = Symbol('READINESS_CHECK');
/** Injection token of the ledger where the service's consumers record the events they applied. */
export const EVENT_LEDGER = Symbol('EVENT_LEDGER');
