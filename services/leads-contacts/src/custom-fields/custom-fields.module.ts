import { Module } from '@nestjs/common';
import { CustomFieldsGrpcController } from './custom-fields.grpc-controller';
import { CustomFieldsRepository } from './custom-fields.repository';
import { CustomFieldsService } from './custom-fields.service';

@Module({
  providers: [CustomFieldsRepository, CustomFieldsService, CustomFieldsGrpcController],
  exports: [CustomFieldsService, CustomFieldsRepository, CustomFieldsGrpcController],
})
export class CustomFieldsModule {}
