import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { LEADS_CLIENT } from '../leads-contacts.constants';
import { Upstream } from '../../../upstream';

export interface LeadListParams {
  page: number;
  perPage: number;
  filter: crm.leads.v1.LeadFilter;
  sort: { field: string; descending: boolean }[];
  withTotalCount: boolean;
}

/** Calls the leads-contacts service as the caller; checks what only the gateway can know (users). */
@Injectable()
export class LeadsGatewayService {
  constructor(
    @Inject(LEADS_CLIENT) private readonly client: crm.leads.v1.LeadsServiceClient,
    private readonly upstream: Upstream,
  ) {}


  async create(principal: Principal, input: crm.leads.v1.LeadInput): Promise<crm.leads.v1.Lead> {
    const res = await this.upstream.call(this.client, this.client.createLead, { lead: input }, principal);
    return res.lead!;
  }

  async get(principal: Principal, id: string): Promise<crm.leads.v1.Lead> {
    return (await this.upstream.call(this.client, this.client.getLead, { id }, principal)).lead!;
  }

  async update(principal: Principal, id: string, input: crm.leads.v1.LeadInput, paths: string[]): Promise<crm.leads.v1.Lead> {
    return (await this.upstream.call(this.client, this.client.updateLead, { id, lead: input, updateMask: paths }, principal)).lead!;
  }

  async upsert(principal: Principal, filter: crm.leads.v1.LeadFilter, input: crm.leads.v1.LeadInput, paths: string[]): Promise<crm.leads.v1.Lead> {
    return (await this.upstream.call(this.client, this.client.upsertLead, { filter, lead: input, updateMask: paths }, principal)).lead!;
  }

  async statuses(principal: Principal): Promise<crm.leads.v1.LeadStatus[]> {
    return (await this.upstream.call(this.client, this.client.listLeadStatuses, {}, principal)).statuses;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteLead, { id }, principal);
  }

  async list(principal: Principal, params: LeadListParams): Promise<crm.leads.v1.ListLeadsResponse> {
    return this.upstream.call(
      this.client,
      this.client.listLeads,
      { page: { page: params.page, perPage: params.perPage }, filter: params.filter, sort: params.sort, withTotalCount: params.withTotalCount }, principal,
    );
  }
}
