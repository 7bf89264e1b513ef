import { Module, type DynamicModule } from '@nestjs/common';
import { CustomFieldsGrpcController } from './custom-fields.grpc-controller';
import { CustomFieldsRepository } from './custom-fields.repository';
import { CUSTOM_FIELDS_OPTIONS, CustomFieldsService, type CustomFieldsOptions } from './custom-fields.service';

/** Custom field definitions and their value index, for the resources a service owns. */
@Module({})
export class CustomFieldsModule {
  static register(options: CustomFieldsOptions): DynamicModule {
    return {
      module: CustomFieldsModule,
      global: true,
      providers: [{ provide: CUSTOM_FIELDS_OPTIONS, useValue: options }, CustomFieldsRepository, CustomFieldsService, CustomFieldsGrpcController],
      exports: [CustomFieldsService, CustomFieldsRepository],
    };
  }
}
