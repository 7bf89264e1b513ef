import { Module } from '@nestjs/common';
import { ReferenceItemsRepository } from './reference-items.repository';
import { ReferenceListsGrpcController } from './reference-lists.grpc-controller';
import { ReferenceListsService } from './reference-lists.service';

@Module({
  providers: [ReferenceItemsRepository, ReferenceListsService, ReferenceListsGrpcController],
  exports: [ReferenceListsService, ReferenceListsGrpcController],
})
export class ReferenceListsModule {}
