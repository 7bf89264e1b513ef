import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { callUnary } from '@crm/grpc';
import { crm } from '@crm/proto';
import type { GatewayConfig } from '../config/gateway.config';
import { OwnerCheck } from '../auth/owner.check';
import { CONFIG, DEALS_CLIENT } from '../gateway.constants';

export interface DealListParams {
  page: number;
  perPage: number;
  filter: crm.deals.v1.DealFilter;
  sort: { field: string; descending: boolean }[];
  withTotalCount: boolean;
}

/** Calls the deals-pipelines service as the caller; checks what only the gateway can know (users). */
@Injectable()
export class DealsGatewayService {
  constructor(
    @Inject(DEALS_CLIENT) private readonly client: crm.deals.v1.DealsServiceClient,
    private readonly owners: OwnerCheck,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  private opts(principal: Principal) {
    return { principal, timeoutMs: this.config.services.timeoutMs };
  }

  async create(principal: Principal, input: crm.deals.v1.DealInput, paths: string[]): Promise<crm.deals.v1.Deal> {
    await this.owners.assertUserOfTenant(principal, input.ownerId, 'deal');
    return (await callUnary(this.client, this.client.createDeal, { deal: input, mask: paths }, this.opts(principal))).deal!;
  }

  async get(principal: Principal, id: string): Promise<crm.deals.v1.Deal> {
    return (await callUnary(this.client, this.client.getDeal, { id }, this.opts(principal))).deal!;
  }

  async update(principal: Principal, id: string, input: crm.deals.v1.DealInput, paths: string[]): Promise<crm.deals.v1.Deal> {
    if (paths.includes('owner_id')) await this.owners.assertUserOfTenant(principal, input.ownerId, 'deal');
    return (await callUnary(this.client, this.client.updateDeal, { id, deal: input, updateMask: paths }, this.opts(principal))).deal!;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await callUnary(this.client, this.client.deleteDeal, { id }, this.opts(principal));
  }

  async list(principal: Principal, params: DealListParams): Promise<crm.deals.v1.ListDealsResponse> {
    return callUnary(
      this.client,
      this.client.listDeals,
      { page: { page: params.page, perPage: params.perPage }, filter: params.filter, sort: params.sort, withTotalCount: params.withTotalCount },
      this.opts(principal),
    );
  }

  async summarizeStages(principal: Principal, pipelineId: string, filter: crm.deals.v1.DealFilter): Promise<crm.deals.v1.StageTotal[]> {
    return (await callUnary(this.client, this.client.summarizeStages, { pipelineId, filter }, this.opts(principal))).stages;
  }

  async listAssociatedContacts(principal: Principal, dealId: string, q: { page: number; perPage: number; sort: { field: string; descending: boolean }[] }): Promise<crm.deals.v1.AssociatedContact[]> {
    return (await callUnary(this.client, this.client.listAssociatedContacts, { dealId, page: { page: q.page, perPage: q.perPage }, sort: q.sort }, this.opts(principal))).associatedContacts;
  }

  async associateContact(principal: Principal, dealId: string, contactId: string, role: string | undefined): Promise<crm.deals.v1.AssociatedContact> {
    return (await callUnary(this.client, this.client.associateContact, { dealId, contactId, role }, this.opts(principal))).associatedContact!;
  }

  async dissociateContact(principal: Principal, dealId: string, contactId: string): Promise<void> {
    await callUnary(this.client, this.client.dissociateContact, { dealId, contactId }, this.opts(principal));
  }
}
