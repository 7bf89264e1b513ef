import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { LEAD_COLLABORATIONS_CLIENT } from '../upstreams/leads-contacts/leads-contacts.constants';
import { DEAL_COLLABORATIONS_CLIENT } from '../upstreams/deals-pipelines/deals-pipelines.constants';
import { SplitResource } from '../sell/split-resource';
import { Upstream } from '../upstream';

type Client = crm.common.v1.CollaborationsServiceClient;
type Collaboration = crm.common.v1.Collaboration;
type ListRequest = Omit<crm.common.v1.ListCollaborationsRequest, 'offset' | 'limit' | 'withTotalCount'>;

/**
 * Collaborations live with their records: on leads and contacts in leads-contacts, on deals in
 * deals-pipelines. This routes each call to its service by resource type or id.
 */
@Injectable()
export class CollaborationsGatewayService {
  private readonly split: SplitResource<Client>;

  constructor(
    @Inject(LEAD_COLLABORATIONS_CLIENT) leadSide: Client,
    @Inject(DEAL_COLLABORATIONS_CLIENT) dealSide: Client,
    private readonly upstream: Upstream,
  ) {
    this.split = new SplitResource(leadSide, dealSide);
  }

  async create(principal: Principal, request: crm.common.v1.CreateCollaborationRequest): Promise<Collaboration> {
    const client = this.split.byType(request.resourceType);
    return (await this.upstream.call(client, client.createCollaboration, request, principal)).collaboration!;
  }

  async get(principal: Principal, id: string): Promise<Collaboration> {
    const client = this.split.byId(id);
    return (await this.upstream.call(client, client.getCollaboration, { id }, principal)).collaboration!;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const client = this.split.byId(id);
    await this.upstream.call(client, client.deleteCollaboration, { id }, principal);
  }

  /** A page of collaborations: on one record type from its service, or on all types across both services. */
  async list(principal: Principal, request: ListRequest, offset: number, limit: number): Promise<Collaboration[]> {
    const page = async (client: Client, offset: number, limit: number, withTotalCount: boolean) => {
      const { collaborations, totalCount } = await this.upstream.call(client, client.listCollaborations, { ...request, offset, limit, withTotalCount }, principal);
      return { items: collaborations, totalCount };
    };
    return this.split.list(request.resourceType, offset, limit, page);
  }
}
