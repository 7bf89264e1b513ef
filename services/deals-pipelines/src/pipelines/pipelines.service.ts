import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction, isUniqueViolation } from '@crm/db-pg';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { DATABASE } from '../deals-pipelines.constants';
import { PipelinesError } from './pipelines.errors';
import { PipelinesRepository, type PipelineRow, type StageRow } from './pipelines.repository';
import { checkNewStage, checkStageDeletion, DEFAULT_PIPELINE_NAME, DEFAULT_STAGES, insertActiveStage, isClosed, reorderStages } from './stage-rules';
import type { Database, Trx } from '../database';

type Pipeline = crm.deals.v1.Pipeline;

/** A stage deletion in progress (see DeleteStageUseCase). */
export interface StageDeletion {
  stage: StageRow;
  pipeline: PipelineRow;
  /** Every stage of the pipeline, the deleted one included. */
  stages: StageRow[];
  target: StageRow | undefined;
  /** Whether the caller named a target (an unknown one is refused, not ignored). */
  targetGiven: boolean;
}
type Stage = crm.deals.v1.Stage;

export const toPipeline = (r: PipelineRow): Pipeline => ({ id: r.id, name: r.name, disabled: r.disabled, createdAt: r.created_at, updatedAt: r.updated_at });
export const toStage = (r: StageRow): Stage => ({
  id: r.id,
  pipelineId: r.pipeline_id,
  name: r.name,
  category: r.category,
  active: !isClosed(r.category),
  position: r.position,
  likelihood: r.likelihood,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function checkName(name: string, resource: 'pipeline' | 'stage'): string {
  const t = name.trim();
  if (!t || t.length > 100) throw PipelinesError.invalid(resource, [{ field: 'name', code: t ? 'incorrect_value' : 'blank', message: t ? 'is longer than 100 characters' : 'cannot be empty' }]);
  return t;
}

/**
 * Pipelines and stages. A tenant's first read creates its default pipeline; admins add pipelines
 * and active stages, rename and reorder them. Every change publishes the pipeline with its stages.
 */
@Injectable()
export class PipelinesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly pipelines: PipelinesRepository,
  ) {}

  async listPipelines(principal: Principal, ids: string[]): Promise<Pipeline[]> {
    return this.inTenant(principal, async (trx) => (await this.pipelines.listPipelines(trx, ids)).map(toPipeline));
  }

  async createPipeline(principal: Principal, rawName: string): Promise<{ pipeline: Pipeline; stages: Stage[] }> {
    this.assertAdmin(principal, 'pipeline');
    const name = checkName(rawName, 'pipeline');
    return this.inTenant(principal, (trx) => this.insertPipeline(trx, principal.tenantId, name));
  }

  async updatePipeline(principal: Principal, id: string, changes: { name?: string; disabled?: boolean }): Promise<Pipeline> {
    this.assertAdmin(principal, 'pipeline');
    const set = { ...(changes.name !== undefined ? { name: checkName(changes.name, 'pipeline') } : {}), ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}) };
    return this.inTenant(principal, async (trx) => {
      const before = await this.pipelines.findPipeline(trx, id, true);
      if (!before) throw PipelinesError.notFound('pipeline', id);
      if (Object.keys(set).length === 0) return toPipeline(before);
      const row = await this.pipelines.updatePipeline(trx, id, set).catch((e: unknown) => {
        if (isUniqueViolation(e)) throw PipelinesError.invalid('pipeline', [{ field: 'name', code: 'already_exists', message: 'is used by another pipeline' }]);
        throw e;
      });
      await this.publishUpdated(trx, principal.tenantId, row);
      return toPipeline(row);
    });
  }

  async listStages(principal: Principal, q: { pipelineId?: string; ids: string[] }): Promise<Stage[]> {
    return this.inTenant(principal, async (trx) => (await this.pipelines.listStages(trx, q)).map(toStage));
  }

  async createStage(principal: Principal, input: { pipelineId: string; name: string; category: string; likelihood: number; position?: number }): Promise<Stage> {
    this.assertAdmin(principal, 'stage');
    const violations = checkNewStage(input);
    if (violations.length > 0) throw PipelinesError.invalid('stage', violations);
    return this.inTenant(principal, async (trx) => {
      const pipeline = await this.pipelines.findPipeline(trx, input.pipelineId, true);
      if (!pipeline) throw PipelinesError.invalid('stage', [{ field: 'pipeline_id', code: 'incorrect_value', message: 'is not a pipeline of this account' }]);
      const stages = await this.pipelines.listStages(trx, { pipelineId: pipeline.id, ids: [] });
      const { position, shifted } = insertActiveStage(stages, input.position);
      await this.pipelines.setPositions(trx, shifted);
      const [row] = await this.pipelines.insertStages(trx, [
        { tenant_id: principal.tenantId, pipeline_id: pipeline.id, name: input.name.trim(), category: input.category as 'in_progress', position, likelihood: input.likelihood },
      ]);
      await this.publishUpdated(trx, principal.tenantId, pipeline);
      return toStage(row!);
    });
  }

  /** Renames a stage (closed ones too) or changes its default likelihood. */
  async updateStage(principal: Principal, id: string, changes: { name?: string; likelihood?: number }): Promise<Stage> {
    this.assertAdmin(principal, 'stage');
    const set = { ...(changes.name !== undefined ? { name: checkName(changes.name, 'stage') } : {}), ...(changes.likelihood !== undefined ? { likelihood: changes.likelihood } : {}) };
    if (set.likelihood !== undefined && (!Number.isInteger(set.likelihood) || set.likelihood < 0 || set.likelihood > 100)) {
      throw PipelinesError.invalid('stage', [{ field: 'likelihood', code: 'incorrect_value', message: 'must be a whole percentage from 0 to 100' }]);
    }
    return this.inTenant(principal, async (trx) => {
      const before = await this.pipelines.findStage(trx, id);
      if (!before) throw PipelinesError.notFound('stage', id);
      if (Object.keys(set).length === 0) return toStage(before);
      const pipeline = (await this.pipelines.findPipeline(trx, before.pipeline_id, true))!;
      const row = await this.pipelines.updateStage(trx, id, set);
      await this.publishUpdated(trx, principal.tenantId, pipeline);
      return toStage(row);
    });
  }

  async reorderStages(principal: Principal, pipelineId: string, stageIds: string[]): Promise<Stage[]> {
    this.assertAdmin(principal, 'stage');
    return this.inTenant(principal, async (trx) => {
      const pipeline = await this.pipelines.findPipeline(trx, pipelineId, true);
      if (!pipeline) throw PipelinesError.notFound('pipeline', pipelineId);
      const r = reorderStages(await this.pipelines.listStages(trx, { pipelineId, ids: [] }), stageIds);
      if ('violations' in r) throw PipelinesError.invalid('stage', r.violations);
      await this.pipelines.setPositions(trx, r.positions);
      const stages = await this.publishUpdated(trx, principal.tenantId, pipeline);
      return stages;
    });
  }

  /** Creates the tenant's default pipeline inside the caller's transaction unless it has one. */
  async ensureDefaultPipeline(trx: Trx, tenantId: string): Promise<void> {
    if ((await this.pipelines.countPipelines(trx)) > 0) return;
    await this.pipelines.lockTenant(trx, tenantId);
    if ((await this.pipelines.countPipelines(trx)) === 0) await this.insertPipeline(trx, tenantId, DEFAULT_PIPELINE_NAME);
  }

  /** Where a deal created without a stage goes: the first stage of the oldest pipeline. */
  async defaultStage(trx: Trx, tenantId: string): Promise<StageRow> {
    await this.ensureDefaultPipeline(trx, tenantId);
    const [pipeline] = await this.pipelines.listPipelines(trx, []);
    const [first] = await this.pipelines.listStages(trx, { pipelineId: pipeline!.id, ids: [] });
    return first!;
  }

  async findStage(trx: Trx, id: string): Promise<StageRow | undefined> {
    return this.pipelines.findStage(trx, id);
  }

  async stagesOf(trx: Trx, pipelineId: string): Promise<StageRow[]> {
    return this.pipelines.listStages(trx, { pipelineId, ids: [] });
  }

  /**
   * The first step of a stage deletion (admins), inside the caller's transaction: the stage, its
   * pipeline (locked, so positions hold until the deletion commits), its stages and the target
   * stage when one is named. The rules are checked by checkStageDeletion once the deals are counted.
   */
  async planStageDeletion(trx: Trx, principal: Principal, id: string, targetId: string | undefined): Promise<StageDeletion> {
    this.assertAdmin(principal, 'stage');
    await this.ensureDefaultPipeline(trx, principal.tenantId);
    const stage = await this.pipelines.findStage(trx, id);
    if (!stage) throw PipelinesError.notFound('stage', id);
    const pipeline = (await this.pipelines.findPipeline(trx, stage.pipeline_id, true))!;
    const stages = await this.pipelines.listStages(trx, { pipelineId: pipeline.id, ids: [] });
    const target = targetId === undefined ? undefined : await this.pipelines.findStage(trx, targetId);
    return { stage, pipeline, stages, target, targetGiven: targetId !== undefined };
  }

  /** Refuses a deletion the rules forbid (see checkStageDeletion), given how many deals the stage holds. */
  checkStageDeletion(deletion: StageDeletion, dealCount: number): void {
    const withPipeline = (s: StageRow) => ({ id: s.id, category: s.category, position: s.position, pipelineId: s.pipeline_id });
    const { stage, stages, target, targetGiven } = deletion;
    const violations = checkStageDeletion(withPipeline(stage), stages.filter((s) => !isClosed(s.category)).length, dealCount, target ? withPipeline(target) : undefined, targetGiven);
    if (violations.length > 0) throw PipelinesError.invalid('stage', violations);
  }

  /** The last step: removes the emptied stage, closes the gap in positions and publishes the pipeline with what moved. */
  async completeStageDeletion(trx: Trx, tenantId: string, { stage, pipeline, stages, target }: StageDeletion, dealsMoved: number): Promise<void> {
    await this.pipelines.deleteStage(trx, stage.id);
    const after = new Map<string, number>();
    for (const s of stages) if (s.position > stage.position) after.set(s.id, s.position - 1);
    await this.pipelines.setPositions(trx, after);
    await this.publishUpdated(trx, tenantId, pipeline, { deletedStageId: stage.id, dealsMovedToStageId: target?.id ?? '0', dealsMoved });
  }

  /** A tenant transaction in which the tenant has its default pipeline. */
  private inTenant<T>(principal: Principal, fn: (trx: Trx) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.ensureDefaultPipeline(trx, principal.tenantId);
      return fn(trx);
    });
  }

  private async insertPipeline(trx: Trx, tenantId: string, name: string): Promise<{ pipeline: Pipeline; stages: Stage[] }> {
    let row: PipelineRow;
    try {
      row = await this.pipelines.insertPipeline(trx, tenantId, name);
    } catch (e) {
      if (isUniqueViolation(e)) throw PipelinesError.invalid('pipeline', [{ field: 'name', code: 'already_exists', message: 'is used by another pipeline' }]);
      throw e;
    }
    const stages = (await this.pipelines.insertStages(trx, DEFAULT_STAGES.map((s, i) => ({ tenant_id: tenantId, pipeline_id: row.id, name: s.name, category: s.category, position: i + 1, likelihood: s.likelihood })))).map(toStage);
    const pipeline = toPipeline(row);
    await appendToOutbox(trx, buildEvent({ kind: 'pipelineCreated', tenantId, aggregateId: row.id, subject: `tenants/${tenantId}/pipelines/${row.id}`, payload: { pipeline, stages } }));
    return { pipeline, stages };
  }

  private async publishUpdated(trx: Trx, tenantId: string, pipeline: PipelineRow, deletion = { deletedStageId: '0', dealsMovedToStageId: '0', dealsMoved: 0 }): Promise<Stage[]> {
    const stages = (await this.pipelines.listStages(trx, { pipelineId: pipeline.id, ids: [] })).map(toStage);
    const current = (await this.pipelines.findPipeline(trx, pipeline.id))!;
    await appendToOutbox(trx, buildEvent({ kind: 'pipelineUpdated', tenantId, aggregateId: pipeline.id, subject: `tenants/${tenantId}/pipelines/${pipeline.id}`, payload: { pipeline: toPipeline(current), stages, ...deletion } }));
    return stages;
  }

  private assertAdmin(principal: Principal, resource: 'pipeline' | 'stage'): void {
    if (principal.role !== 'admin') throw PipelinesError.adminOnly(resource);
  }
}
