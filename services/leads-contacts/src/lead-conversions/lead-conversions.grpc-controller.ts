import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type LeadsMessage as Req } from '@crm/proto';
import { LeadConversionsService } from './lead-conversions.service';

/** gRPC transport of lead conversions: translation only. */
@Injectable()
@GrpcService(crm.leads.v1.LeadConversionsServiceService)
export class LeadConversionsGrpcController implements AsyncService<crm.leads.v1.LeadConversionsServiceServer> {
  constructor(private readonly conversions: LeadConversionsService) {}

  async convertLead(request: Req<'ConvertLeadRequest'>, ctx: CallContext) {
    return { conversion: await this.conversions.convert(ctx.principal, request.leadId, request.dealId) };
  }

  async listLeadConversions(request: Req<'ListLeadConversionsRequest'>, ctx: CallContext) {
    const equals: Partial<Record<'lead_id' | 'individual_id' | 'organization_id' | 'deal_id', string>> = {};
    if (request.leadId) equals.lead_id = request.leadId;
    if (request.individualId) equals.individual_id = request.individualId;
    if (request.organizationId) equals.organization_id = request.organizationId;
    if (request.dealId) equals.deal_id = request.dealId;
    const conversions = await this.conversions.list(ctx.principal, {
      ...(request.beforeId !== '0' ? { beforeId: request.beforeId } : {}),
      limit: Math.min(200, Math.max(1, request.limit || 25)),
      offset: Math.max(0, request.offset),
      equals,
    });
    return { conversions };
  }
}
