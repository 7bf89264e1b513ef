import { Injectable } from '@nestjs/common';
import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../database';

export interface AnalyticsScope {
  pipelineId: string;
  /** Owners whose deals count ('all': every deal of the tenant). */
  ownerIds: readonly string[] | 'all';
  from: Date;
  to: Date;
}

export interface StageFlowRow {
  stage_id: string;
  entered: string;
  advanced: string;
  average_seconds: number | null;
}

export interface OutcomeRow {
  stage_category: string;
  currency: string;
  deal_count: string;
  total: string;
}

function owners(column: RawBuilder<unknown>, ids: readonly string[] | 'all'): RawBuilder<boolean> {
  if (ids === 'all') return sql<boolean>`true`;
  return ids.length === 0 ? sql<boolean>`false` : sql<boolean>`${column} in (${sql.join([...ids])})`;
}

/** The SQL of pipeline analytics; runs inside tenant transactions (row-level security). */
@Injectable()
export class AnalyticsRepository {
  /** Deals that reached a closed stage of the pipeline in the period, per outcome and currency. */
  async outcomes(trx: Trx, scope: AnalyticsScope): Promise<OutcomeRow[]> {
    const { rows } = await sql<OutcomeRow>`
      select stage_category, currency, count(*)::text as deal_count, sum(value)::text as total
      from deals
      where pipeline_id = ${scope.pipelineId}
        and stage_category in ('won', 'lost', 'unqualified')
        and last_stage_change_at >= ${scope.from} and last_stage_change_at < ${scope.to}
        and ${owners(sql.ref('owner_id'), scope.ownerIds)}
      group by stage_category, currency`.execute(trx);
    return rows;
  }

  /**
   * Per stage of the pipeline: deals that entered it in the period, how many of them next went to
   * a later active stage or to won, and the mean time between entering and leaving it (the history
   * rows carry their exit, see migration 0007).
   */
  async stageFlow(trx: Trx, scope: AnalyticsScope): Promise<StageFlowRow[]> {
    const { rows } = await sql<StageFlowRow>`
      select c.to_stage_id as stage_id,
             count(*)::text as entered,
             count(*) filter (where c.advanced)::text as advanced,
             (avg(extract(epoch from c.left_at - c.changed_at)) filter (where c.left_at is not null))::float8 as average_seconds
      from deal_stage_changes c
      where c.pipeline_id = ${scope.pipelineId} and c.changed_at >= ${scope.from} and c.changed_at < ${scope.to} and ${owners(sql.ref('c.owner_id'), scope.ownerIds)}
      group by c.to_stage_id`.execute(trx);
    return rows;
  }
}
