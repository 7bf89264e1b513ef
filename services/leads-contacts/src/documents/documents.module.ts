import { Module } from '@nestjs/common';
import { DocumentsGrpcController } from './documents.grpc-controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { ObjectPurger } from './object-purger.service';

@Module({
  providers: [DocumentsRepository, DocumentsService, DocumentsGrpcController, ObjectPurger],
})
export class DocumentsModule {}
