import type { Provider } from '@nestjs/common';
import type { ServiceSettings } from '@crm/config';
import { createDatabase } from '@crm/db-pg';
import { createKafka } from '@crm/kafka';
import { createLogger } from '@crm/observability';
import type { OutboxRelayOptions } from './outbox-relay.service';
import { DATABASE, KAFKA, LOGGER, OUTBOX_RELAY_OPTIONS } from './tokens';

/**
 * The process-wide providers of a service: logger, database pool, Kafka client and the outbox
 * relay's settings. `relayLockKey` must be unique per service database.
 */
export function serviceInfrastructure(settings: ServiceSettings, relayLockKey: number): Provider[] {
  const relay: OutboxRelayOptions = { enabled: settings.outbox.relayEnabled, pollIntervalMs: settings.outbox.pollIntervalMs, databaseUrl: settings.db.url, lockKey: relayLockKey };
  return [
    { provide: LOGGER, useValue: createLogger(settings.serviceName, settings.logLevel) },
    { provide: DATABASE, useFactory: () => createDatabase({ url: settings.db.url, maxConnections: settings.db.poolSize, applicationName: settings.serviceName }) },
    { provide: KAFKA, useFactory: () => createKafka({ clientId: settings.serviceName, brokers: settings.kafka.brokers }) },
    { provide: OUTBOX_RELAY_OPTIONS, useValue: relay },
  ];
}

/** Tokens of {@link serviceInfrastructure} that a global module exports. */
export const INFRASTRUCTURE_TOKENS = [LOGGER, DATABASE, KAFKA];
