import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { DEAL_REFERENCE_LISTS_CLIENT, LEAD_REFERENCE_LISTS_CLIENT } from '../gateway.constants';
import { Upstream } from '../upstream';

type List = crm.common.v1.ReferenceList;
type Client = crm.common.v1.ReferenceListsServiceClient;

const LEAD_LISTS: readonly List[] = [crm.common.v1.ReferenceList.REFERENCE_LIST_LEAD_SOURCE, crm.common.v1.ReferenceList.REFERENCE_LIST_LEAD_UNQUALIFIED_REASON];

/** Calls the service owning a reference list (leads-contacts or deals-pipelines) as the caller. */
@Injectable()
export class ReferenceListsGatewayService {
  constructor(
    @Inject(LEAD_REFERENCE_LISTS_CLIENT) private readonly leadLists: Client,
    @Inject(DEAL_REFERENCE_LISTS_CLIENT) private readonly dealLists: Client,
    private readonly upstream: Upstream,
  ) {}

  private client(list: List): Client {
    return LEAD_LISTS.includes(list) ? this.leadLists : this.dealLists;
  }


  async create(principal: Principal, list: List, name: string) {
    return (await this.upstream.call(this.client(list), this.client(list).createReferenceItem, { list, name }, principal)).item!;
  }

  async get(principal: Principal, list: List, id: string) {
    return (await this.upstream.call(this.client(list), this.client(list).getReferenceItem, { list, id }, principal)).item!;
  }

  async rename(principal: Principal, list: List, id: string, name: string) {
    return (await this.upstream.call(this.client(list), this.client(list).updateReferenceItem, { list, id, name }, principal)).item!;
  }

  async delete(principal: Principal, list: List, id: string): Promise<void> {
    await this.upstream.call(this.client(list), this.client(list).deleteReferenceItem, { list, id }, principal);
  }

  async list(principal: Principal, list: List, params: { page: number; perPage: number; ids: string[]; name?: string; sort: { field: string; descending: boolean }[] }) {
    const client = this.client(list);
    const res = await this.upstream.call(
      client,
      client.listReferenceItems,
      { list, page: { page: params.page, perPage: params.perPage }, ids: params.ids, ...(params.name !== undefined ? { name: params.name } : {}), sort: params.sort }, principal,
    );
    return res.items;
  }
}
