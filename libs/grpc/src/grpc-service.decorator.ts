import { SetMetadata } from '@nestjs/common';
import type { ServiceDefinition } from '@grpc/grpc-js';

/** Metadata key of {@link GrpcService}. */
export const GRPC_SERVICE = Symbol('GRPC_SERVICE');

export interface GrpcServiceSpec {
  definition: ServiceDefinition;
  /** Serves callers that are not users (no caller metadata read), e.g. public form submissions. */
  anonymous: boolean;
}

/**
 * Marks a provider as the implementation of a generated gRPC service; the service's gRPC server
 * finds every provider so marked, in whichever module declares it, and serves it.
 */
export function GrpcService(definition: ServiceDefinition, options: { anonymous?: boolean } = {}): ClassDecorator {
  return SetMetadata(GRPC_SERVICE, { definition, anonymous: options.anonymous ?? false } satisfies GrpcServiceSpec);
}

/** The full name of a generated service (`crm.leads.v1.LeadsService`), read from its methods' paths. */
export function grpcServiceName(definition: ServiceDefinition): string {
  const first = Object.values(definition)[0];
  if (!first) throw new Error('a gRPC service without methods');
  return first.path.split('/')[1]!;
}
