import type { Provider } from '@nestjs/common';
import type { Client } from '@grpc/grpc-js';
import { createGrpcClient, type ClientCtor } from '@crm/grpc';
import type { GatewayConfig } from './config/gateway.config';
import { CONFIG } from './gateway.constants';

/** The address of one backing service, read from the configuration. */
export type UpstreamAddress = (config: GatewayConfig) => string;

export interface GrpcClientOptions {
  /** Carries files (documents, imports): messages up to the configured upload limit. */
  large?: boolean;
}

function create<C extends Client>(ctor: ClientCtor<C>, address: UpstreamAddress, config: GatewayConfig, options: GrpcClientOptions): C {
  return createGrpcClient(ctor, address(config), options.large ? { maxMessageBytes: config.services.maxMessageBytes } : {});
}

/** A gRPC client of a backing service, provided under `token`. */
export function grpcClient<C extends Client>(token: symbol, ctor: ClientCtor<C>, address: UpstreamAddress, options: GrpcClientOptions = {}): Provider {
  return { provide: token, inject: [CONFIG], useFactory: (config: GatewayConfig) => create(ctor, address, config, options) };
}

/** `build` applied to a new gRPC client of a backing service, provided under `token` (for per-upstream gateway services). */
export function onGrpcClient<C extends Client, T>(token: symbol, ctor: ClientCtor<C>, address: UpstreamAddress, build: (client: C, ...deps: never[]) => T, deps: readonly unknown[] = []): Provider {
  return { provide: token, inject: [CONFIG, ...(deps as never[])], useFactory: (config: GatewayConfig, ...resolved: never[]) => build(create(ctor, address, config, {}), ...resolved) };
}
