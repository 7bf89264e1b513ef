import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../auth/auth.guard';
import { parseSellBody, pathId } from '../sell/sell-body';
import { collection, pageLinks, single } from '../sell/sell-envelope';
import { asQueryError } from '../sell/sell-error';
import { SellQuery, type RawQuery } from '../sell/sell-query';
import { sellIdOrNull, sellTime } from '../sell/sell-record';
import { TagsGatewayService } from './tags.gateway-service';

export const TAG_SORT_FIELDS = ['id', 'name', 'created_at', 'updated_at'] as const;
export const TAG_RESOURCE_TYPES = ['lead', 'contact', 'deal'] as const;
const ignored = z.unknown().optional();

export const TagCreate = z.strictObject({
  name: z.string(),
  resource_type: z.enum(TAG_RESOURCE_TYPES),
});

export const TagUpdate = z.strictObject({
  name: z.string(),
  // A tag keeps its record type; clients send these back.
  resource_type: ignored,
  id: ignored,
  creator_id: ignored,
  created_at: ignored,
  updated_at: ignored,
});

function present(t: crm.common.v1.Tag) {
  return {
    id: Number(t.id),
    creator_id: sellIdOrNull(t.creatorId),
    name: t.name,
    resource_type: t.resourceType,
    created_at: sellTime(t.createdAt),
    updated_at: sellTime(t.updatedAt),
  };
}

/** Sell `/v2/tags`: the tags of leads, contacts and deals. */
@Controller('v2/tags')
export class TagsHttpController {
  constructor(private readonly tags: TagsGatewayService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = {
      ids: q.ids('ids') ?? [],
      resourceType: q.oneOf('resource_type', TAG_RESOURCE_TYPES),
      name: q.string('name'),
      creatorId: q.id('creator_id'),
      sort: q.sort('sort_by', TAG_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const tags = await this.tags.list(principal, request, (page - 1) * perPage, perPage).catch(asQueryError);
    return collection('tag', tags.map((t) => ({ data: present(t) })), pageLinks('/v2/tags', q.normalised(), page, perPage, tags.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, TagCreate, 'tag');
    return single('tag', present(await this.tags.create(principal, { resourceType: data.resource_type, name: data.name })));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return single('tag', present(await this.tags.get(principal, pathId(id, 'tag'))));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'tag');
    const data = parseSellBody(body, TagUpdate, 'tag');
    return single('tag', present(await this.tags.rename(principal, valid, data.name)));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.tags.delete(principal, pathId(id, 'tag'));
  }
}
