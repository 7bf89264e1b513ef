import type { Provider } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import type { GatewayConfig } from '../config/gateway.config';
import { CONFIG } from '../gateway.constants';
import { upstreamClient, type UpstreamAddress } from '../upstream-clients';
import { Upstream } from '../upstream';

type List = crm.common.v1.ReferenceList;
type Client = crm.common.v1.ReferenceListsServiceClient;

/**
 * Calls the reference lists of one backing service (each serves the common contract for its own
 * lists) as the caller. An upstream module provides one under its token with referenceListsOf.
 */
export class ReferenceListsGatewayService {
  constructor(
    private readonly lists: Client,
    private readonly upstream: Upstream,
  ) {}

  async create(principal: Principal, list: List, name: string) {
    return (await this.upstream.call(this.lists, this.lists.createReferenceItem, { list, name }, principal)).item!;
  }

  async get(principal: Principal, list: List, id: string) {
    return (await this.upstream.call(this.lists, this.lists.getReferenceItem, { list, id }, principal)).item!;
  }

  async rename(principal: Principal, list: List, id: string, name: string) {
    return (await this.upstream.call(this.lists, this.lists.updateReferenceItem, { list, id, name }, principal)).item!;
  }

  async delete(principal: Principal, list: List, id: string): Promise<void> {
    await this.upstream.call(this.lists, this.lists.deleteReferenceItem, { list, id }, principal);
  }

  async list(principal: Principal, list: List, params: { page: number; perPage: number; ids: string[]; name?: string; sort: { field: string; descending: boolean }[] }) {
    const res = await this.upstream.call(
      this.lists,
      this.lists.listReferenceItems,
      { list, page: { page: params.page, perPage: params.perPage }, ids: params.ids, ...(params.name !== undefined ? { name: params.name } : {}), sort: params.sort }, principal,
    );
    return res.items;
  }
}

/** An upstream's reference lists under `token`, on a client of its address. */
export function referenceListsOf(token: symbol, address: UpstreamAddress): Provider {
  return {
    provide: token,
    inject: [CONFIG, Upstream],
    useFactory: (config: GatewayConfig, upstream: Upstream) => new ReferenceListsGatewayService(upstreamClient(crm.common.v1.ReferenceListsServiceClient, address, config), upstream),
  };
}
