import { Module } from '@nestjs/common';
import { ReferenceListsModule } from '../reference-lists/reference-lists.module';
import { LeadsGrpcController } from './leads.grpc-controller';
import { LeadsRepository } from './leads.repository';
import { LeadsService } from './leads.service';

@Module({
  imports: [ReferenceListsModule],
  providers: [LeadsRepository, LeadsService, LeadsGrpcController],
  exports: [LeadsGrpcController],
})
export class LeadsModule {}
