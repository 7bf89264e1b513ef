import { Module, type DynamicModule } from '@nestjs/common';
import { HealthHttpController, INFRASTRUCTURE_TOKENS, OutboxRelayService, serviceInfrastructure } from '@crm/service';
import type { DealsPipelinesConfig } from './config/deals-pipelines.config';
import { CONFIG } from './deals-pipelines.constants';
import { GrpcServerService } from './grpc-server.service';
import { PipelinesModule } from './pipelines/pipelines.module';

/** Advisory-lock key of this service's outbox relay (unique per service database). */
const RELAY_LOCK_KEY = 4_202;

@Module({})
export class AppModule {
  static forConfig(config: DealsPipelinesConfig): DynamicModule {
    const providers = [{ provide: CONFIG, useValue: config }, ...serviceInfrastructure(config, RELAY_LOCK_KEY)];
    return {
      module: AppModule,
      global: true,
      imports: [PipelinesModule],
      controllers: [HealthHttpController],
      providers: [...providers, GrpcServerService, OutboxRelayService],
      exports: [CONFIG, ...INFRASTRUCTURE_TOKENS],
    };
  }
}
