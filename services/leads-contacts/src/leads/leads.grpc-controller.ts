import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type LeadsMessage as Req } from '@crm/proto';
import { presentLeadPaths } from './lead-input';
import { LeadsService } from './leads.service';

const MAX_PER_PAGE = 100;
const EMPTY_FILTER: crm.leads.v1.LeadFilter = { ids: [], customFields: [], tags: [], timeRanges: [] };

/** gRPC transport of leads: translates requests and calls LeadsService, nothing more. */
@Injectable()
@GrpcService(crm.leads.v1.LeadsServiceService)
export class LeadsGrpcController implements AsyncService<crm.leads.v1.LeadsServiceServer> {
  constructor(private readonly leads: LeadsService) {}

  async createLead(request: Req<'CreateLeadRequest'>, ctx: CallContext) {
    const input = request.lead ?? emptyInput();
    return { lead: await this.leads.create(ctx.principal, input, presentLeadPaths(input)) };
  }

  async getLead(request: Req<'GetLeadRequest'>, ctx: CallContext) {
    return { lead: await this.leads.get(ctx.principal, request.id) };
  }

  async updateLead(request: Req<'UpdateLeadRequest'>, ctx: CallContext) {
    return { lead: await this.leads.update(ctx.principal, request.id, request.lead ?? emptyInput(), request.updateMask ?? []) };
  }

  async deleteLead(request: Req<'DeleteLeadRequest'>, ctx: CallContext) {
    await this.leads.delete(ctx.principal, request.id);
    return {};
  }

  async upsertLead(request: Req<'UpsertLeadRequest'>, ctx: CallContext) {
    return this.leads.upsert(ctx.principal, request.filter ?? EMPTY_FILTER, request.lead ?? emptyInput(), request.updateMask ?? []);
  }

  async listLeadStatuses() {
    return { statuses: this.leads.statuses() };
  }

  async listLeads(request: Req<'ListLeadsRequest'>, ctx: CallContext) {
    const { items, totalCount } = await this.leads.list(ctx.principal, {
      withTotalCount: request.withTotalCount,
      page: Math.max(1, request.page?.page || 1),
      perPage: Math.min(MAX_PER_PAGE, Math.max(1, request.page?.perPage || 25)),
      filter: request.filter ?? EMPTY_FILTER,
      sort: (request.sort ?? []).map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { leads: items, ...(totalCount !== undefined ? { totalCount: String(totalCount) } : {}) };
  }
}

function emptyInput(): crm.leads.v1.LeadInput {
  return { tags: [] };
}
