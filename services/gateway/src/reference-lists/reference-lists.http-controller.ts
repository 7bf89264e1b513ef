import { Body, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { CurrentPrincipal } from '../auth/auth.guard';
import { parseSellBody } from '../sell/sell-body';
import { collection, pageLinks, single } from '../sell/sell-envelope';
import { SellHttpError } from '../sell/sell-error';
import { SellQuery, type RawQuery } from '../sell/sell-query';
import { ReferenceListsGatewayService } from './reference-lists.gateway-service';

export const REFERENCE_SORT_FIELDS = ['id', 'name', 'created_at', 'updated_at'] as const;
const ID = /^[1-9][0-9]{0,15}$/;
const time = (d: Date | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);

export const ReferenceItemWrite = z.strictObject({
  name: z.string().max(255),
  // Read-only attributes clients may round-trip.
  id: z.unknown().optional(),
  creator_id: z.unknown().optional(),
  resource_type: z.unknown().optional(),
  created_at: z.unknown().optional(),
  updated_at: z.unknown().optional(),
});

export interface ListSpec {
  list: crm.common.v1.ReferenceList;
  /** Sell meta type and resource name. */
  type: string;
  path: string;
  extra: Record<string, unknown>;
}

/**
 * Sell's reference lists (`/v2/lead_sources`, `/v2/loss_reasons`, ...), which share one shape.
 * Nest registers the routes the subclasses inherit; each subclass, in the folder of the service
 * owning its list, names its path, its list and that service's ReferenceListsGatewayService.
 */
export abstract class ReferenceListHttpController {
  protected constructor(
    private readonly lists: ReferenceListsGatewayService,
    private readonly spec: ListSpec,
  ) {}

  private present(item: crm.common.v1.ReferenceItem) {
    return {
      id: Number(item.id),
      creator_id: item.creatorId === '0' ? null : Number(item.creatorId),
      name: item.name,
      ...this.spec.extra,
      created_at: time(item.createdAt),
      updated_at: time(item.updatedAt),
    };
  }

  private id(raw: string): string {
    if (!ID.test(raw)) throw SellHttpError.notFound(this.spec.type);
    return raw;
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const ids = q.ids('ids') ?? [];
    const name = q.string('name');
    const sort = q.sort('sort_by', REFERENCE_SORT_FIELDS);
    q.assertNoUnknown();
    const items = await this.lists.list(principal, this.spec.list, { page, perPage, ids, ...(name !== undefined ? { name } : {}), sort });
    return collection(this.spec.type, items.map((i) => ({ data: this.present(i) })), pageLinks(this.spec.path, q.normalised(), page, perPage, items.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, ReferenceItemWrite, this.spec.type);
    return single(this.spec.type, this.present(await this.lists.create(principal, this.spec.list, data.name)));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return single(this.spec.type, this.present(await this.lists.get(principal, this.spec.list, this.id(id))));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = this.id(id);
    const data = parseSellBody(body, ReferenceItemWrite, this.spec.type);
    return single(this.spec.type, this.present(await this.lists.rename(principal, this.spec.list, valid, data.name)));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.lists.delete(principal, this.spec.list, this.id(id));
  }
}
