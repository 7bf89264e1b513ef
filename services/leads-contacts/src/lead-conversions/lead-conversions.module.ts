import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { LeadsModule } from '../leads/leads.module';
import { LeadConversionsGrpcController } from './lead-conversions.grpc-controller';
import { LeadConversionsRepository } from './lead-conversions.repository';
import { LeadConversionsService } from './lead-conversions.service';

@Module({
  imports: [LeadsModule, ContactsModule],
  providers: [LeadConversionsRepository, LeadConversionsService, LeadConversionsGrpcController],
})
export class LeadConversionsModule {}
