import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../auth/auth.guard';
import { parseSellBody, pathId, sellId } from '../sell/sell-body';
import { collection, pageLinks, single } from '../sell/sell-envelope';
import { asQueryError } from '../sell/sell-error';
import { sellIdOrNull, sellTime } from '../sell/sell-record';
import { SellQuery, type RawQuery } from '../sell/sell-query';
import { CollaborationsGatewayService } from './collaborations.gateway-service';

const ignored = z.unknown().optional();

export const COLLABORATION_SORT_FIELDS = ['id', 'created_at', 'updated_at'] as const;
export const COLLABORATION_RESOURCE_TYPES = ['lead', 'contact', 'deal'] as const;
export const CollaborationCreate = z.strictObject({
  resource_type: z.enum(COLLABORATION_RESOURCE_TYPES),
  resource_id: sellId,
  collaborator_id: sellId,
  id: ignored,
  creator_id: ignored,
  created_at: ignored,
  updated_at: ignored,
});

function present(c: crm.common.v1.Collaboration) {
  return {
    id: Number(c.id),
    creator_id: sellIdOrNull(c.creatorId),
    resource_type: c.resourceType,
    resource_id: Number(c.resourceId),
    collaborator_id: Number(c.collaboratorId),
    created_at: sellTime(c.createdAt),
    updated_at: sellTime(c.updatedAt),
  };
}

/** Sell `/v2/collaborations`: collaborators on leads, contacts and deals (no update, as in Sell). */
@Controller('v2/collaborations')
export class CollaborationsHttpController {
  constructor(private readonly collaborations: CollaborationsGatewayService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = {
      ids: q.ids('ids') ?? [],
      resourceType: q.oneOf('resource_type', COLLABORATION_RESOURCE_TYPES),
      resourceId: q.id('resource_id'),
      creatorId: q.id('creator_id'),
      collaboratorId: q.id('collaborator_id'),
      sort: q.sort('sort_by', COLLABORATION_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const collaborations = await this.collaborations.list(principal, request, (page - 1) * perPage, perPage).catch(asQueryError);
    return collection('collaboration', collaborations.map((c) => ({ data: present(c) })), pageLinks('/v2/collaborations', q.normalised(), page, perPage, collaborations.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, CollaborationCreate, 'collaboration');
    const request = { resourceType: data.resource_type, resourceId: data.resource_id, collaboratorId: data.collaborator_id };
    return single('collaboration', present(await this.collaborations.create(principal, request)));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return single('collaboration', present(await this.collaborations.get(principal, pathId(id, 'collaboration'))));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.collaborations.delete(principal, pathId(id, 'collaboration'));
  }
}
