import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { LEAD_TAGS_CLIENT } from '../upstreams/leads-contacts/leads-contacts.constants';
import { DEAL_TAGS_CLIENT } from '../upstreams/deals-pipelines/deals-pipelines.constants';
import { SplitResource } from '../sell/split-resource';
import { Upstream } from '../upstream';

type Client = crm.common.v1.TagsServiceClient;
type Tag = crm.common.v1.Tag;
type ListRequest = Omit<crm.common.v1.ListTagsRequest, 'offset' | 'limit' | 'withTotalCount'>;

/**
 * Tags live with their records: lead and contact tags in leads-contacts, deal tags in
 * deals-pipelines. This routes each call to its service by resource type or id.
 */
@Injectable()
export class TagsGatewayService {
  private readonly split: SplitResource<Client>;

  constructor(
    @Inject(LEAD_TAGS_CLIENT) leadTags: Client,
    @Inject(DEAL_TAGS_CLIENT) dealTags: Client,
    private readonly upstream: Upstream,
  ) {
    this.split = new SplitResource(leadTags, dealTags);
  }

  async create(principal: Principal, request: crm.common.v1.CreateTagRequest): Promise<Tag> {
    const client = this.split.byType(request.resourceType);
    return (await this.upstream.call(client, client.createTag, request, principal)).tag!;
  }

  async get(principal: Principal, id: string): Promise<Tag> {
    const client = this.split.byId(id);
    return (await this.upstream.call(client, client.getTag, { id }, principal)).tag!;
  }

  async rename(principal: Principal, id: string, name: string): Promise<Tag> {
    const client = this.split.byId(id);
    return (await this.upstream.call(client, client.updateTag, { id, name }, principal)).tag!;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const client = this.split.byId(id);
    await this.upstream.call(client, client.deleteTag, { id }, principal);
  }

  /** A page of tags: of one resource type from its service, or of all types across both services. */
  async list(principal: Principal, request: ListRequest, offset: number, limit: number): Promise<Tag[]> {
    const page = async (client: Client, offset: number, limit: number, withTotalCount: boolean) => {
      const { tags, totalCount } = await this.upstream.call(client, client.listTags, { ...request, offset, limit, withTotalCount }, principal);
      return { items: tags, totalCount };
    };
    return this.split.list(request.resourceType, offset, limit, page);
  }
}
