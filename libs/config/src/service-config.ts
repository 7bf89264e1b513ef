import { z } from 'zod';
import { configFragments } from './parse-config';

type Ports = { grpc: number; http: number; metrics: number };

/** What every backend service reads whatever its store: its ports, Kafka, logs and telemetry. */
function processConfigShape(ports: Ports) {
  return {
    GRPC_HOST: z.string().default('0.0.0.0'),
    GRPC_PORT: configFragments.port(ports.grpc),
    HTTP_PORT: configFragments.port(ports.http),
    KAFKA_BROKERS: configFragments.kafkaBrokers,
    LOG_LEVEL: configFragments.logLevel,
    OTEL_EXPORTER_OTLP_ENDPOINT: configFragments.otelEndpoint,
    METRICS_PORT: configFragments.metricsPort(ports.metrics),
  };
}

/**
 * The settings every PostgreSQL-backed service (gRPC server, PostgreSQL, Kafka outbox) reads,
 * with its own default ports; a service adds its own to this shape.
 */
export function serviceConfigShape(ports: Ports) {
  return {
    ...processConfigShape(ports),
    DB_URL: configFragments.postgresUrl,
    DB_MIGRATION_URL: configFragments.postgresUrl.optional(),
    DB_RUNTIME_ROLE: z.string().optional(),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    OUTBOX_RELAY_ENABLED: configFragments.bool(true),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
    OUTBOX_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(10),
  };
}

/** The settings of a MongoDB-backed service (FerretDB in development and CI). */
export function mongoServiceConfigShape(ports: Ports, defaultDbName: string) {
  return {
    ...processConfigShape(ports),
    /** mongodb:// or mongodb+srv:// URL; keep retryWrites=false (FerretDB has no retryable writes). */
    MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
    MONGO_DB_NAME: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).default(defaultDbName),
    MONGO_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  };
}

type ProcessEnv = z.infer<z.ZodObject<ReturnType<typeof processConfigShape>>>;
type ServiceEnv = z.infer<z.ZodObject<ReturnType<typeof serviceConfigShape>>>;
type MongoServiceEnv = z.infer<z.ZodObject<ReturnType<typeof mongoServiceConfigShape>>>;

function processSettings(serviceName: string, c: ProcessEnv) {
  return {
    serviceName,
    grpc: { host: c.GRPC_HOST, port: c.GRPC_PORT },
    http: { port: c.HTTP_PORT },
    kafka: { brokers: c.KAFKA_BROKERS },
    logLevel: c.LOG_LEVEL,
    otlpEndpoint: c.OTEL_EXPORTER_OTLP_ENDPOINT,
    metricsPort: c.METRICS_PORT,
  } as const;
}

/** The shared settings of a parsed environment, grouped as services use them. */
export function serviceSettings(serviceName: string, c: ServiceEnv) {
  return {
    ...processSettings(serviceName, c),
    db: { url: c.DB_URL, migrationUrl: c.DB_MIGRATION_URL, runtimeRole: c.DB_RUNTIME_ROLE, poolSize: c.DB_POOL_SIZE },
    outbox: { relayEnabled: c.OUTBOX_RELAY_ENABLED, pollIntervalMs: c.OUTBOX_POLL_INTERVAL_MS, lingerMs: c.OUTBOX_LINGER_MS },
  } as const;
}

export function mongoServiceSettings(serviceName: string, c: MongoServiceEnv) {
  return {
    ...processSettings(serviceName, c),
    mongo: { url: c.MONGO_URL, dbName: c.MONGO_DB_NAME, poolSize: c.MONGO_POOL_SIZE },
  } as const;
}

export type ProcessSettings = ReturnType<typeof processSettings>;
export type ServiceSettings = ReturnType<typeof serviceSettings>;
export type MongoServiceSettings = ReturnType<typeof mongoServiceSettings>;
