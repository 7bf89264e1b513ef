import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { DEALS_CLIENT } from '../deals-pipelines.constants';
import { Upstream } from '../../../upstream';

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
    private readonly upstream: Upstream,
  ) {}


  async create(principal: Principal, input: crm.deals.v1.DealInput, paths: string[]): Promise<crm.deals.v1.Deal> {
    return (await this.upstream.call(this.client, this.client.createDeal, { deal: input, mask: paths }, principal)).deal!;
  }

  async get(principal: Principal, id: string): Promise<crm.deals.v1.Deal> {
    return (await this.upstream.call(this.client, this.client.getDeal, { id }, principal)).deal!;
  }

  async update(principal: Principal, id: string, input: crm.deals.v1.DealInput, paths: string[]): Promise<crm.deals.v1.Deal> {
    return (await this.upstream.call(this.client, this.client.updateDeal, { id, deal: input, updateMask: paths }, principal)).deal!;
  }

  async upsert(principal: Principal, filter: crm.deals.v1.DealFilter, input: crm.deals.v1.DealInput, paths: string[]): Promise<crm.deals.v1.Deal> {
    return (await this.upstream.call(this.client, this.client.upsertDeal, { filter, deal: input, updateMask: paths }, principal)).deal!;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteDeal, { id }, principal);
  }

  async list(principal: Principal, params: DealListParams): Promise<crm.deals.v1.ListDealsResponse> {
    return this.upstream.call(
      this.client,
      this.client.listDeals,
      { page: { page: params.page, perPage: params.perPage }, filter: params.filter, sort: params.sort, withTotalCount: params.withTotalCount }, principal,
    );
  }

  async summarizeStages(principal: Principal, pipelineId: string, filter: crm.deals.v1.DealFilter): Promise<crm.deals.v1.StageTotal[]> {
    return (await this.upstream.call(this.client, this.client.summarizeStages, { pipelineId, filter }, principal)).stages;
  }

  async listAssociatedContacts(principal: Principal, dealId: string, q: { page: number; perPage: number; sort: { field: string; descending: boolean }[] }): Promise<crm.deals.v1.AssociatedContact[]> {
    return (await this.upstream.call(this.client, this.client.listAssociatedContacts, { dealId, page: { page: q.page, perPage: q.perPage }, sort: q.sort }, principal)).associatedContacts;
  }

  async associateContact(principal: Principal, dealId: string, contactId: string, role: string | undefined): Promise<crm.deals.v1.AssociatedContact> {
    return (await this.upstream.call(this.client, this.client.associateContact, { dealId, contactId, role }, principal)).associatedContact!;
  }

  async dissociateContact(principal: Principal, dealId: string, contactId: string): Promise<void> {
    await this.upstream.call(this.client, this.client.dissociateContact, { dealId, contactId }, principal);
  }
}
