import { Module, type DynamicModule } from '@nestjs/common';
import { GrpcServerModule, HealthHttpController, INFRASTRUCTURE_TOKENS, serviceInfrastructure } from '@crm/service';
import type { SyncConfig } from './config/sync.config';
import { ProjectionConsumer } from './projection/projection.consumer';
import { ProjectionRepository } from './projection/projection.repository';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { SyncGrpcController } from './sessions/sync.grpc-controller';
import { CONFIG } from './sync.constants';

/** Advisory-lock key of this service's outbox relay (unique per service database); sync publishes nothing yet. */
const RELAY_LOCK_KEY = 4_204;

@Module({})
export class AppModule {
  static forConfig(config: SyncConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [GrpcServerModule.forRoot(config.grpc)],
      controllers: [HealthHttpController],
      providers: [{ provide: CONFIG, useValue: config }, ...serviceInfrastructure(config, RELAY_LOCK_KEY), ProjectionRepository, ProjectionConsumer, SessionsRepository, SessionsService, SyncGrpcController],
      exports: [CONFIG, ...INFRASTRUCTURE_TOKENS],
    };
  }
}
