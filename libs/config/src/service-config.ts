import { z } from 'zod';
import { configFragments } from './parse-config';

/**
 * The settings every backend service (gRPC server, PostgreSQL, Kafka outbox) reads, with its own
 * default ports; a service adds its own to this shape.
 */
export function serviceConfigShape(ports: { grpc: number; http: number; metrics: number }) {
  return {
    GRPC_HOST: z.string().default('0.0.0.0'),
    GRPC_PORT: configFragments.port(ports.grpc),
    HTTP_PORT: configFragments.port(ports.http),
    DB_URL: configFragments.postgresUrl,
    DB_MIGRATION_URL: configFragments.postgresUrl.optional(),
    DB_RUNTIME_ROLE: z.string().optional(),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    KAFKA_BROKERS: configFragments.kafkaBrokers,
    OUTBOX_RELAY_ENABLED: configFragments.bool(true),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
    OUTBOX_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(10),
    LOG_LEVEL: configFragments.logLevel,
    OTEL_EXPORTER_OTLP_ENDPOINT: configFragments.otelEndpoint,
    METRICS_PORT: configFragments.metricsPort(ports.metrics),
  };
}

type ServiceEnv = z.infer<z.ZodObject<ReturnType<typeof serviceConfigShape>>>;

/** The shared settings of a parsed environment, grouped as services use them. */
export function serviceSettings(serviceName: string, c: ServiceEnv) {
  return {
    serviceName,
    grpc: { host: c.GRPC_HOST, port: c.GRPC_PORT },
    http: { port: c.HTTP_PORT },
    db: { url: c.DB_URL, migrationUrl: c.DB_MIGRATION_URL, runtimeRole: c.DB_RUNTIME_ROLE, poolSize: c.DB_POOL_SIZE },
    kafka: { brokers: c.KAFKA_BROKERS },
    outbox: { relayEnabled: c.OUTBOX_RELAY_ENABLED, pollIntervalMs: c.OUTBOX_POLL_INTERVAL_MS, lingerMs: c.OUTBOX_LINGER_MS },
    logLevel: c.LOG_LEVEL,
    otlpEndpoint: c.OTEL_EXPORTER_OTLP_ENDPOINT,
    metricsPort: c.METRICS_PORT,
  } as const;
}

export type ServiceSettings = ReturnType<typeof serviceSettings>;
