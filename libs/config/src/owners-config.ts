import { z } from 'zod';
import { configFragments } from './parse-config';

// Kept here, not in @crm/records, so a service's configuration loads before telemetry starts
// without pulling in instrumented modules (gRPC, Kafka) through that library.

/** Settings of `OwnersModule` (@crm/records), spread into a service's configuration schema. */
export const ownersConfigShape = {
  /** The directory, asked about a user this service has not heard of yet. */
  DIRECTORY_GRPC_URL: z.string().min(1).default('127.0.0.1:50053'),
  DIRECTORY_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** The consumer keeping the tenants' users current from the directory's user events. */
  TENANT_USERS_CONSUMER_ENABLED: configFragments.bool(true),
  /** Its consumer group (default `crm.<service>.tenant-users`); one per deployment of the service. */
  TENANT_USERS_CONSUMER_GROUP: z.string().min(1).optional(),
};

export interface OwnersOptions {
  directory: { grpcUrl: string; timeoutMs: number };
  /** The consumer group of the user events (`crm.<service>.tenant-users`), or undefined to turn it off. */
  consumerGroup: string | undefined;
}

/** The module options from a parsed configuration holding `ownersConfigShape`. */
export function ownersOptions(service: string, c: { DIRECTORY_GRPC_URL: string; DIRECTORY_TIMEOUT_MS: number; TENANT_USERS_CONSUMER_ENABLED: boolean; TENANT_USERS_CONSUMER_GROUP?: string | undefined }): OwnersOptions {
  return {
    directory: { grpcUrl: c.DIRECTORY_GRPC_URL, timeoutMs: c.DIRECTORY_TIMEOUT_MS },
    consumerGroup: c.TENANT_USERS_CONSUMER_ENABLED ? (c.TENANT_USERS_CONSUMER_GROUP ?? `crm.${service}.tenant-users`) : undefined,
  };
}
