import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody, pathId, sellId } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError } from '../../../sell/sell-error';
import { sellIdOrNull, sellTime } from '../../../sell/sell-record';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { Upstream } from '../../../upstream';
import { COLLABORATIONS_CLIENT } from '../deals-pipelines.constants';

const ignored = z.unknown().optional();

export const COLLABORATION_SORT_FIELDS = ['id', 'created_at', 'updated_at'] as const;
export const CollaborationCreate = z.strictObject({
  resource_type: z.enum(['deal']),
  resource_id: sellId,
  collaborator_id: sellId,
  id: ignored,
  creator_id: ignored,
  created_at: ignored,
  updated_at: ignored,
});

function present(c: crm.deals.v1.Collaboration) {
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

/** Sell `/v2/collaborations`: collaborators on deals (no update, as in Sell). */
@Controller('v2/collaborations')
export class CollaborationsHttpController {
  constructor(
    @Inject(COLLABORATIONS_CLIENT) private readonly client: crm.deals.v1.CollaborationsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = {
      offset: (page - 1) * perPage,
      limit: perPage,
      ids: q.ids('ids') ?? [],
      resourceType: q.oneOf('resource_type', ['deal'] as const),
      resourceId: q.id('resource_id'),
      creatorId: q.id('creator_id'),
      collaboratorId: q.id('collaborator_id'),
      sort: q.sort('sort_by', COLLABORATION_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const { collaborations } = await this.upstream.call(this.client, this.client.listCollaborations, request, principal).catch(asQueryError);
    return collection('collaboration', collaborations.map((c) => ({ data: present(c) })), pageLinks('/v2/collaborations', q.normalised(), page, perPage, collaborations.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, CollaborationCreate, 'collaboration');
    const request = { resourceType: data.resource_type, resourceId: data.resource_id, collaboratorId: data.collaborator_id };
    return single('collaboration', present((await this.upstream.call(this.client, this.client.createCollaboration, request, principal)).collaboration!));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { collaboration } = await this.upstream.call(this.client, this.client.getCollaboration, { id: pathId(id, 'collaboration') }, principal);
    return single('collaboration', present(collaboration!));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteCollaboration, { id: pathId(id, 'collaboration') }, principal);
  }
}
