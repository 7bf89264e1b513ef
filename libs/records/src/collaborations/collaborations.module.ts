import { Module, type DynamicModule } from '@nestjs/common';
import { CollaborationsGrpcController } from './collaborations.grpc-controller';
import { COLLABORATIONS_OPTIONS, type CollaborationsOptions } from './collaborations.options';
import { CollaborationsRepository } from './collaborations.repository';
import { CollaborationsService } from './collaborations.service';

/** Collaborators on the record types a service owns (Sell `/v2/collaborations`); global, so the record modules ask it who may see a record. Needs the owners module. */
@Module({})
export class CollaborationsModule {
  static register(options: CollaborationsOptions): DynamicModule {
    return {
      module: CollaborationsModule,
      global: true,
      providers: [{ provide: COLLABORATIONS_OPTIONS, useValue: options }, CollaborationsRepository, CollaborationsService, CollaborationsGrpcController],
      exports: [CollaborationsService, CollaborationsRepository],
    };
  }
}
