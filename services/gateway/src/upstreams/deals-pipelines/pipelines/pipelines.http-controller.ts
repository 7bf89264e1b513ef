import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { PIPELINES_CLIENT } from '../deals-pipelines.constants';
import { int32, parseSellBody, pathId, percentage, sellId } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { sellTime } from '../../../sell/sell-record';
import { Upstream } from '../../../upstream';

const ignored = z.unknown().optional();
const readOnly = { id: ignored, created_at: ignored, updated_at: ignored };

export const PipelineCreate = z.strictObject({ name: z.string().max(100) });
export const PipelineUpdate = z.strictObject({ name: z.string().max(100).optional(), disabled: z.boolean().optional(), ...readOnly });
export const StageCreate = z.strictObject({
  pipeline_id: sellId,
  name: z.string().max(100),
  category: z.string(),
  likelihood: percentage,
  position: int32.positive().optional(),
});
export const StageUpdate = z.strictObject({ name: z.string().max(100).optional(), likelihood: percentage.optional(), pipeline_id: ignored, category: ignored, active: ignored, position: ignored, ...readOnly });
export const StageOrder = z.strictObject({ stage_ids: z.array(sellId).min(1).max(200) });

const presentPipeline = (p: crm.deals.v1.Pipeline) => ({ id: Number(p.id), name: p.name, disabled: p.disabled, created_at: sellTime(p.createdAt), updated_at: sellTime(p.updatedAt) });
const presentStage = (s: crm.deals.v1.Stage) => ({
  id: Number(s.id),
  pipeline_id: Number(s.pipelineId),
  name: s.name,
  category: s.category,
  active: s.active,
  position: s.position,
  likelihood: s.likelihood,
  created_at: sellTime(s.createdAt),
  updated_at: sellTime(s.updatedAt),
});

/** Pages a list the service answers whole (a tenant has few pipelines and stages). */
function page<T>(items: T[], q: SellQuery) {
  const { page: p, perPage } = q.paging();
  return { p, perPage, items: items.slice((p - 1) * perPage, p * perPage), more: items.length > p * perPage };
}

abstract class DealsHttpController {
  constructor(
    protected readonly client: crm.deals.v1.PipelinesServiceClient,
    protected readonly upstream: Upstream,
  ) {}
}

/** Sell `/v2/pipelines`, plus admin writes (Sell only changes them in its apps). */
@Controller('v2/pipelines')
export class PipelinesHttpController extends DealsHttpController {
  constructor(@Inject(PIPELINES_CLIENT) client: crm.deals.v1.PipelinesServiceClient, upstream: Upstream) {
    super(client, upstream);
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const ids = q.ids('ids') ?? [];
    const paged = page((await this.upstream.call(this.client, this.client.listPipelines, { ids }, principal)).pipelines, q);
    q.assertNoUnknown();
    return collection('pipeline', paged.items.map((p) => ({ data: presentPipeline(p) })), pageLinks('/v2/pipelines', q.normalised(), paged.p, paged.perPage, paged.more));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, PipelineCreate, 'pipeline');
    const { pipeline } = await this.upstream.call(this.client, this.client.createPipeline, { name: data.name }, principal);
    return single('pipeline', presentPipeline(pipeline!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'pipeline');
    const data = parseSellBody(body, PipelineUpdate, 'pipeline');
    const { pipeline } = await this.upstream.call(this.client, this.client.updatePipeline, { id: valid, ...(data.name !== undefined ? { name: data.name } : {}), ...(data.disabled !== undefined ? { disabled: data.disabled } : {}) }, principal);
    return single('pipeline', presentPipeline(pipeline!));
  }

  /** Orders the pipeline's active stages; the closed ones stay after them. */
  @Put(':id/stage_order')
  async reorder(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'pipeline');
    const data = parseSellBody(body, StageOrder, 'stage');
    const { stages } = await this.upstream.call(this.client, this.client.reorderStages, { pipelineId: valid, stageIds: data.stage_ids }, principal);
    return collection('stage', stages.map((s) => ({ data: presentStage(s) })), {});
  }
}

/** Sell `/v2/stages` (filter by `pipeline_id`, `ids`; by pipeline, then position), plus admin writes. */
@Controller('v2/stages')
export class StagesHttpController extends DealsHttpController {
  constructor(@Inject(PIPELINES_CLIENT) client: crm.deals.v1.PipelinesServiceClient, upstream: Upstream) {
    super(client, upstream);
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const request = { ids: q.ids('ids') ?? [], pipelineId: q.id('pipeline_id') };
    const active = q.bool('active');
    const stages = (await this.upstream.call(this.client, this.client.listStages, request, principal)).stages.filter((s) => active === undefined || s.active === active);
    const paged = page(stages, q);
    q.assertNoUnknown();
    return collection('stage', paged.items.map((s) => ({ data: presentStage(s) })), pageLinks('/v2/stages', q.normalised(), paged.p, paged.perPage, paged.more));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, StageCreate, 'stage');
    const { stage } = await this.upstream.call(
      this.client,
      this.client.createStage,
      { pipelineId: data.pipeline_id, name: data.name, category: data.category, likelihood: data.likelihood, ...(data.position !== undefined ? { position: data.position } : {}) }, principal,
    );
    return single('stage', presentStage(stage!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'stage');
    const data = parseSellBody(body, StageUpdate, 'stage');
    const { stage } = await this.upstream.call(this.client, this.client.updateStage, { id: valid, ...(data.name !== undefined ? { name: data.name } : {}), ...(data.likelihood !== undefined ? { likelihood: data.likelihood } : {}) }, principal);
    return single('stage', presentStage(stage!));
  }

  /** Deletes an active stage; `move_deals_to` names the stage its deals move to (required when it holds any). */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() raw: RawQuery): Promise<void> {
    const valid = pathId(id, 'stage');
    const q = new SellQuery(raw);
    const target = q.id('move_deals_to');
    q.assertNoUnknown();
    await this.upstream.call(this.client, this.client.deleteStage, { id: valid, ...(target !== undefined ? { moveDealsToStageId: target } : {}) }, principal);
  }
}
