import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { callUnary } from '@crm/grpc';
import { crm } from '@crm/proto';
import type { GatewayConfig } from '../config/gateway.config';
import { OwnerCheck } from '../auth/owner.check';
import { CONFIG, LEADS_CLIENT } from '../gateway.constants';

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
    private readonly owners: OwnerCheck,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  private opts(principal: Principal) {
    return { principal, timeoutMs: this.config.services.timeoutMs };
  }

  async create(principal: Principal, input: crm.leads.v1.LeadInput): Promise<crm.leads.v1.Lead> {
    await this.owners.assertUserOfTenant(principal, input.ownerId, 'lead');
    const res = await callUnary(this.client, this.client.createLead, { lead: input }, this.opts(principal));
    return res.lead!;
  }

  async get(principal: Principal, id: string): Promise<crm.leads.v1.Lead> {
    return (await callUnary(this.client, this.client.getLead, { id }, this.opts(principal))).lead!;
  }

  async update(principal: Principal, id: string, input: crm.leads.v1.LeadInput, paths: string[]): Promise<crm.leads.v1.Lead> {
    if (paths.includes('owner_id')) await this.owners.assertUserOfTenant(principal, input.ownerId, 'lead');
    return (await callUnary(this.client, this.client.updateLead, { id, lead: input, updateMask: paths }, this.opts(principal))).lead!;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await callUnary(this.client, this.client.deleteLead, { id }, this.opts(principal));
  }

  async list(principal: Principal, params: LeadListParams): Promise<crm.leads.v1.ListLeadsResponse> {
    return callUnary(
      this.client,
      this.client.listLeads,
      { page: { page: params.page, perPage: params.perPage }, filter: params.filter, sort: params.sort, withTotalCount: params.withTotalCount },
      this.opts(principal),
    );
  }
}
