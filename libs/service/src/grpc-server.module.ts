import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { bindAnonymousUnaryService, bindUnaryService, GRPC_SERVICE, grpcServiceName, startGrpcServer, type GrpcServerHost, type GrpcServiceSpec } from '@crm/grpc';
import type { Logger } from '@crm/observability';
import { LOGGER } from './tokens';

export interface GrpcServerOptions {
  host: string;
  port: number;
  /** Largest message a caller may send (documents and imports need more than the 4 MiB default). */
  maxMessageBytes?: number;
}

const GRPC_SERVER_OPTIONS = Symbol('GRPC_SERVER_OPTIONS');

/**
 * Serves every provider marked with @GrpcService, whatever module declares it, with the standard
 * health service, for the lifetime of the process.
 */
@Injectable()
export class GrpcServerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private host?: GrpcServerHost;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(GRPC_SERVER_OPTIONS) private readonly options: GrpcServerOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The gRPC services the application's modules declare, by full name. */
  services(): Map<string, { spec: GrpcServiceSpec; instance: object }> {
    const found = new Map<string, { spec: GrpcServiceSpec; instance: object }>();
    for (const wrapper of this.discovery.getProviders()) {
      const spec = wrapper.metatype && wrapper.instance ? this.reflector.get<GrpcServiceSpec | undefined>(GRPC_SERVICE, wrapper.metatype) : undefined;
      if (!spec) continue;
      const name = grpcServiceName(spec.definition);
      const existing = found.get(name);
      if (existing && existing.instance !== wrapper.instance) throw new Error(`two providers implement ${name}`);
      found.set(name, { spec, instance: wrapper.instance as object });
    }
    return found;
  }

  async onApplicationBootstrap(): Promise<void> {
    const services = [...this.services()].map(([name, { spec, instance }]) => ({
      name,
      definition: spec.definition,
      implementation: spec.anonymous ? bindAnonymousUnaryService(spec.definition, instance as never, this.logger) : bindUnaryService(spec.definition, instance as never, this.logger),
    }));
    this.host = await startGrpcServer(this.options.host, this.options.port, services, this.options.maxMessageBytes ? { maxMessageBytes: this.options.maxMessageBytes } : {});
    this.logger.info({ port: this.host.port, services: services.map((s) => s.name) }, 'gRPC server listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host?.shutdown();
  }
}

/** The service's gRPC server; import it once, in the application module. */
@Module({})
export class GrpcServerModule {
  static forRoot(options: GrpcServerOptions): DynamicModule {
    return {
      module: GrpcServerModule,
      imports: [DiscoveryModule],
      providers: [{ provide: GRPC_SERVER_OPTIONS, useValue: options }, GrpcServerService],
      exports: [GrpcServerService],
    };
  }
}
