import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DealsMessage as Req } from '@crm/proto';
import { ConversionDealUseCase } from '../use-cases/conversion-deal.use-case';
import { DealContactsService } from './deal-contacts.service';
import { DealsService } from './deals.service';

const MAX_PER_PAGE = 100;
const EMPTY_FILTER: crm.deals.v1.DealFilter = { ids: [], customFields: [], tags: [], timeRanges: [], ownerIds: [] };

/** gRPC transport of deals: translates requests and calls DealsService or the conversion use case, nothing more. */
@Injectable()
@GrpcService(crm.deals.v1.DealsServiceService)
export class DealsGrpcController implements AsyncService<crm.deals.v1.DealsServiceServer> {
  constructor(
    private readonly deals: DealsService,
    private readonly dealContacts: DealContactsService,
    private readonly conversionDeal: ConversionDealUseCase,
  ) {}

  async createDeal(request: Req<'CreateDealRequest'>, ctx: CallContext) {
    return { deal: await this.deals.create(ctx.principal, request.deal ?? { tags: [] }, request.mask ?? []) };
  }

  async getDeal(request: Req<'GetDealRequest'>, ctx: CallContext) {
    return { deal: await this.deals.get(ctx.principal, request.id) };
  }

  async updateDeal(request: Req<'UpdateDealRequest'>, ctx: CallContext) {
    return { deal: await this.deals.update(ctx.principal, request.id, request.deal ?? { tags: [] }, request.updateMask ?? []) };
  }

  async upsertDeal(request: Req<'UpsertDealRequest'>, ctx: CallContext) {
    return this.deals.upsert(ctx.principal, request.filter ?? EMPTY_FILTER, request.deal ?? { tags: [] }, request.updateMask ?? []);
  }

  async deleteDeal(request: Req<'DeleteDealRequest'>, ctx: CallContext) {
    await this.deals.delete(ctx.principal, request.id);
    return {};
  }

  async listDeals(request: Req<'ListDealsRequest'>, ctx: CallContext) {
    const { items, totalCount } = await this.deals.list(ctx.principal, {
      withTotalCount: request.withTotalCount,
      page: Math.max(1, request.page?.page || 1),
      perPage: Math.min(MAX_PER_PAGE, Math.max(1, request.page?.perPage || 25)),
      filter: request.filter ?? EMPTY_FILTER,
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { deals: items, ...(totalCount !== undefined ? { totalCount: String(totalCount) } : {}) };
  }

  async summarizeStages(request: Req<'SummarizeStagesRequest'>, ctx: CallContext) {
    return { stages: await this.deals.summarizeStages(ctx.principal, request.pipelineId, request.filter ?? EMPTY_FILTER) };
  }

  async listAssociatedContacts(request: Req<'ListAssociatedContactsRequest'>, ctx: CallContext) {
    const associatedContacts = await this.dealContacts.list(ctx.principal, request.dealId, {
      page: Math.max(1, request.page?.page || 1),
      perPage: Math.min(MAX_PER_PAGE, Math.max(1, request.page?.perPage || 25)),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { associatedContacts };
  }

  async associateContact(request: Req<'AssociateContactRequest'>, ctx: CallContext) {
    return { associatedContact: await this.dealContacts.associate(ctx.principal, request.dealId, request.contactId, request.role) };
  }

  async dissociateContact(request: Req<'DissociateContactRequest'>, ctx: CallContext) {
    await this.dealContacts.dissociate(ctx.principal, request.dealId, request.contactId);
    return {};
  }

  async reserveConversionDeal(request: Req<'ReserveConversionDealRequest'>, ctx: CallContext) {
    return { dealId: await this.conversionDeal.reserve(ctx.principal, request.leadId, request.deal ?? { tags: [] }, request.mask ?? []) };
  }

  async confirmConversionDeal(request: Req<'ConfirmConversionDealRequest'>, ctx: CallContext) {
    const { leadId, dealId, contactId } = request;
    const deal = await this.conversionDeal.confirm(ctx.principal.tenantId, { leadId, dealId, contactId, organizationId: request.organizationId ?? null });
    return deal ? { deal } : {};
  }

  async cancelConversionDeal(request: Req<'CancelConversionDealRequest'>, ctx: CallContext) {
    await this.conversionDeal.cancel(ctx.principal, request.leadId);
    return {};
  }
}
