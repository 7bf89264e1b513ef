import { Module, type DynamicModule } from '@nestjs/common';
import { REFERENCE_LISTS_OPTIONS, type ReferenceListsOptions } from './reference-list';
import { ReferenceItemsRepository } from './reference-items.repository';
import { ReferenceListsGrpcController } from './reference-lists.grpc-controller';
import { ReferenceListsService } from './reference-lists.service';

/** The tenant reference lists a service owns (sources, reasons). */
@Module({})
export class ReferenceListsModule {
  static register(options: ReferenceListsOptions): DynamicModule {
    return {
      module: ReferenceListsModule,
      global: true,
      providers: [{ provide: REFERENCE_LISTS_OPTIONS, useValue: options }, ReferenceItemsRepository, ReferenceListsService, ReferenceListsGrpcController],
      exports: [ReferenceListsService, ReferenceItemsRepository],
    };
  }
}
