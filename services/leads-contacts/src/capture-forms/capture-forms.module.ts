import { Module } from '@nestjs/common';
import { LeadsModule } from '../leads/leads.module';
import { ReferenceListsModule } from '../reference-lists/reference-lists.module';
import { CaptureFormsGrpcController, CaptureFormSubmissionsGrpcController } from './capture-forms.grpc-controller';
import { CaptureFormsRepository } from './capture-forms.repository';
import { CaptureFormsService } from './capture-forms.service';

@Module({
  imports: [LeadsModule, ReferenceListsModule],
  providers: [CaptureFormsRepository, CaptureFormsService, CaptureFormsGrpcController, CaptureFormSubmissionsGrpcController],
  exports: [CaptureFormsGrpcController, CaptureFormSubmissionsGrpcController],
})
export class CaptureFormsModule {}
