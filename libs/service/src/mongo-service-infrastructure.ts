import type { Provider } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { MongoServiceSettings } from '@crm/config';
import { connectMongo, MongoEventLedger } from '@crm/db-mongo';
import { createKafka } from '@crm/kafka';
import { createLogger } from '@crm/observability';
import { EVENT_LEDGER, KAFKA, LOGGER, MONGO, READINESS_CHECK } from './tokens';

/** The process-wide providers of a MongoDB-backed service: logger, connection, Kafka client, readiness and the consumers' ledger. */
export function mongoServiceInfrastructure(settings: MongoServiceSettings): Provider[] {
  return [
    { provide: LOGGER, useValue: createLogger(settings.serviceName, settings.logLevel) },
    { provide: MONGO, useFactory: () => connectMongo({ url: settings.mongo.url, dbName: settings.mongo.dbName, maxPoolSize: settings.mongo.poolSize }) },
    { provide: KAFKA, useFactory: () => createKafka({ clientId: settings.serviceName, brokers: settings.kafka.brokers }) },
    { provide: READINESS_CHECK, useFactory: (connection: Connection) => async () => void (await connection.db!.command({ ping: 1 })), inject: [MONGO] },
    { provide: EVENT_LEDGER, useFactory: (connection: Connection) => new MongoEventLedger(connection), inject: [MONGO] },
  ];
}

/** Tokens of {@link mongoServiceInfrastructure} that a global module exports. */
export const MONGO_INFRASTRUCTURE_TOKENS = [LOGGER, MONGO, KAFKA, READINESS_CHECK, EVENT_LEDGER];
