import { Module } from '@nestjs/common';
import { LeadsModule } from '../leads/leads.module';
import { CaptureFormsGrpcController, CaptureFormSubmissionsGrpcController } from './capture-forms.grpc-controller';
import { CaptureFormsRepository } from './capture-forms.repository';
import { CaptureFormsService } from './capture-forms.service';

@Module({
  imports: [LeadsModule],
  providers: [CaptureFormsRepository, CaptureFormsService, CaptureFormsGrpcController, CaptureFormSubmissionsGrpcController],
})
export class CaptureFormsModule {}
