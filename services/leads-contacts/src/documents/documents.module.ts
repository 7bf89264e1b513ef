import { Module } from '@nestjs/common';
import { DocumentsGrpcController } from './documents.grpc-controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';

@Module({
  providers: [DocumentsRepository, DocumentsService, DocumentsGrpcController],
})
export class DocumentsModule {}
