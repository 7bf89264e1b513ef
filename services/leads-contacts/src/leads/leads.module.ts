import { Module } from '@nestjs/common';
import { LeadsGrpcController } from './leads.grpc-controller';
import { LeadsRepository } from './leads.repository';
import { LeadsService } from './leads.service';

@Module({
  providers: [LeadsRepository, LeadsService, LeadsGrpcController],
  exports: [LeadsRepository, LeadsService],
})
export class LeadsModule {}
