import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { callUnary } from '@crm/grpc';
import { crm } from '@crm/proto';
import type { GatewayConfig } from '../config/gateway.config';
import { CONFIG, REFERENCE_LISTS_CLIENT } from '../gateway.constants';

type List = crm.leads.v1.ReferenceList;

/** Calls the leads-contacts reference lists as the caller. */
@Injectable()
export class ReferenceListsGatewayService {
  constructor(
    @Inject(REFERENCE_LISTS_CLIENT) private readonly client: crm.leads.v1.ReferenceListsServiceClient,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  private opts(principal: Principal) {
    return { principal, timeoutMs: this.config.services.timeoutMs };
  }

  async create(principal: Principal, list: List, name: string) {
    return (await callUnary(this.client, this.client.createReferenceItem, { list, name }, this.opts(principal))).item!;
  }

  async get(principal: Principal, list: List, id: string) {
    return (await callUnary(this.client, this.client.getReferenceItem, { list, id }, this.opts(principal))).item!;
  }

  async rename(principal: Principal, list: List, id: string, name: string) {
    return (await callUnary(this.client, this.client.updateReferenceItem, { list, id, name }, this.opts(principal))).item!;
  }

  async delete(principal: Principal, list: List, id: string): Promise<void> {
    await callUnary(this.client, this.client.deleteReferenceItem, { list, id }, this.opts(principal));
  }

  async list(principal: Principal, list: List, params: { page: number; perPage: number; ids: string[]; name?: string; sort: { field: string; descending: boolean }[] }) {
    const res = await callUnary(
      this.client,
      this.client.listReferenceItems,
      { list, page: { page: params.page, perPage: params.perPage }, ids: params.ids, ...(params.name !== undefined ? { name: params.name } : {}), sort: params.sort },
      this.opts(principal),
    );
    return res.items;
  }
}
