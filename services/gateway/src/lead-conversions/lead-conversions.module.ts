import { Module } from '@nestjs/common';
import { DealsPipelinesModule } from '../upstreams/deals-pipelines/deals-pipelines.module';
import { LeadsContactsModule } from '../upstreams/leads-contacts/leads-contacts.module';
import { LeadConversionsGatewayService } from './lead-conversions.gateway-service';
import { LeadConversionsHttpController } from './lead-conversions.http-controller';
import { leadConversionsOpenApi } from './lead-conversions.openapi';

/** `/v2/lead_conversions`: the conversion in leads-contacts with its deal in deals-pipelines (decision 15). */
@Module({
  imports: [LeadsContactsModule, DealsPipelinesModule],
  controllers: [LeadConversionsHttpController],
  providers: [LeadConversionsGatewayService],
})
export class LeadConversionsModule {
  static openApi = leadConversionsOpenApi;
}
