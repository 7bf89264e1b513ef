import type { Provider } from '@nestjs/common';
import type { Client } from '@grpc/grpc-js';
import { createGrpcClient, type ClientCtor } from '@crm/grpc';
import type { GatewayConfig } from './config/gateway.config';
import { CONFIG } from './gateway.constants';

/** The address of one backing service, read from the configuration. */
export type UpstreamAddress = (config: GatewayConfig) => string;

/** The directory, which every request's caller check reaches. */
export const directoryAddress: UpstreamAddress = (config) => config.services.directory;

export interface GrpcClientOptions {
  /** Carries files (documents, imports): messages up to the configured upload limit. */
  large?: boolean;
}

/** A gRPC client of the backing service at `address`. */
export function upstreamClient<C extends Client>(ctor: ClientCtor<C>, address: UpstreamAddress, config: GatewayConfig, options: GrpcClientOptions = {}): C {
  return createGrpcClient(ctor, address(config), options.large ? { maxMessageBytes: config.services.maxMessageBytes } : {});
}

/** A gRPC client of a backing service, provided under `token`. */
export function grpcClient<C extends Client>(token: symbol, ctor: ClientCtor<C>, address: UpstreamAddress, options: GrpcClientOptions = {}): Provider {
  return { provide: token, inject: [CONFIG], useFactory: (config: GatewayConfig) => upstreamClient(ctor, address, config, options) };
}
