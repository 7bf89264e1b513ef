import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { StageCategory } from './stage-rules';
import type { Trx } from '../database';

export interface PipelinesTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StagesTable {
  id: Generated<string>;
  tenant_id: string;
  pipeline_id: string;
  name: string;
  category: StageCategory;
  position: number;
  likelihood: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PipelinesTables {
  pipelines: PipelinesTable;
  stages: StagesTable;
}

export type PipelineRow = Selectable<PipelinesTable>;
export type StageRow = Selectable<StagesTable>;

/** The only SQL about pipelines and stages. */
@Injectable()
export class PipelinesRepository {
  /** Serialises the first-use creation of a tenant's default pipeline. */
  async lockTenant(trx: Trx, tenantId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`pipelines:${tenantId}`}, 0))`.execute(trx);
  }

  async countPipelines(trx: Trx): Promise<number> {
    return Number((await trx.selectFrom('pipelines').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  }

  async insertPipeline(trx: Trx, tenantId: string, name: string): Promise<PipelineRow> {
    return trx.insertInto('pipelines').values({ tenant_id: tenantId, name }).returningAll().executeTakeFirstOrThrow();
  }

  async insertStages(trx: Trx, rows: Omit<StagesTable, 'id' | 'created_at' | 'updated_at'>[]): Promise<StageRow[]> {
    return trx.insertInto('stages').values(rows).returningAll().execute();
  }

  async findPipeline(trx: Trx, id: string, forUpdate = false): Promise<PipelineRow | undefined> {
    const q = trx.selectFrom('pipelines').selectAll().where('id', '=', id);
    return forUpdate ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
  }

  async listPipelines(trx: Trx, ids: string[]): Promise<PipelineRow[]> {
    let q = trx.selectFrom('pipelines').selectAll();
    if (ids.length > 0) q = q.where('id', 'in', ids);
    return q.orderBy('id').execute();
  }

  async updatePipeline(trx: Trx, id: string, changes: { name?: string; disabled?: boolean }): Promise<PipelineRow> {
    return trx.updateTable('pipelines').set({ ...changes, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async findStage(trx: Trx, id: string): Promise<StageRow | undefined> {
    return trx.selectFrom('stages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listStages(trx: Trx, q: { pipelineId?: string; ids: string[] }): Promise<StageRow[]> {
    let query = trx.selectFrom('stages').selectAll();
    if (q.pipelineId) query = query.where('pipeline_id', '=', q.pipelineId);
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    return query.orderBy('pipeline_id').orderBy('position').execute();
  }

  async updateStage(trx: Trx, id: string, changes: { name?: string; likelihood?: number; position?: number }): Promise<StageRow> {
    return trx.updateTable('stages').set({ ...changes, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async deleteStage(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('stages').where('id', '=', id).execute();
  }

  /** Sets positions in one statement (positions are not unique, so the order of writes does not matter). */
  async setPositions(trx: Trx, positions: Map<string, number>): Promise<void> {
    for (const [id, position] of positions) await trx.updateTable('stages').set({ position, updated_at: sql`now()` }).where('id', '=', id).execute();
  }
}
