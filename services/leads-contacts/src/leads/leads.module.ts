import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '../custom-fields/custom-fields.module';
import { ReferenceListsModule } from '../reference-lists/reference-lists.module';
import { LeadsGrpcController } from './leads.grpc-controller';
import { LeadsRepository } from './leads.repository';
import { LeadsService } from './leads.service';

@Module({
  imports: [ReferenceListsModule, CustomFieldsModule],
  providers: [LeadsRepository, LeadsService, LeadsGrpcController],
  exports: [LeadsGrpcController, LeadsRepository, LeadsService],
})
export class LeadsModule {}
