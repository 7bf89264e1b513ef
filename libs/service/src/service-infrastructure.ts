import type { Provider } from '@nestjs/common';
import type { ServiceSettings } from '@crm/config';
import { sql, type Kysely } from 'kysely';
import { createDatabase, NotificationListener } from '@crm/db-pg';
import { createKafka, PostgresEventLedger } from '@crm/kafka';
import { createLogger, type Logger } from '@crm/observability';
import { DatabaseNotificationsLifecycle } from './database-notifications';
import type { OutboxRelayOptions } from './outbox-relay.service';
import { DATABASE, EVENT_LEDGER, KAFKA, LOGGER, NOTIFICATIONS, OUTBOX_RELAY_OPTIONS, READINESS_CHECK } from './tokens';

/**
 * The process-wide providers of a service: logger, database pool, the database notification
 * listener, Kafka client and the outbox relay's settings. `relayLockKey` must be unique per service database.
 */
export function serviceInfrastructure(settings: ServiceSettings, relayLockKey: number): Provider[] {
  const relay: OutboxRelayOptions = { enabled: settings.outbox.relayEnabled, pollIntervalMs: settings.outbox.pollIntervalMs, lingerMs: settings.outbox.lingerMs, lockKey: relayLockKey };
  return [
    { provide: LOGGER, useValue: createLogger(settings.serviceName, settings.logLevel) },
    { provide: DATABASE, useFactory: () => createDatabase({ url: settings.db.url, maxConnections: settings.db.poolSize, applicationName: settings.serviceName }) },
    { provide: KAFKA, useFactory: () => createKafka({ clientId: settings.serviceName, brokers: settings.kafka.brokers }) },
    {
      provide: NOTIFICATIONS,
      useFactory: (logger: Logger) =>
        new NotificationListener({ url: settings.db.url, applicationName: `${settings.serviceName}:listen`, onError: (err) => logger.warn({ err }, 'database notification connection lost; reconnecting') }),
      inject: [LOGGER],
    },
    DatabaseNotificationsLifecycle,
    { provide: OUTBOX_RELAY_OPTIONS, useValue: relay },
    { provide: READINESS_CHECK, useFactory: (db: Kysely<unknown>) => async () => void (await sql`select 1`.execute(db)), inject: [DATABASE] },
    { provide: EVENT_LEDGER, useFactory: (db: Kysely<unknown>) => new PostgresEventLedger(db), inject: [DATABASE] },
  ];
}

/** Tokens of {@link serviceInfrastructure} that a global module exports. */
export const INFRASTRUCTURE_TOKENS = [LOGGER, DATABASE, KAFKA, NOTIFICATIONS, READINESS_CHECK, EVENT_LEDGER];
