import type { crm } from '@crm/proto';
import { sellAmount, sellIdOrNull, sellTime } from '../../../sell/sell-record';

/** A deal as Sell v2 clients read it; `value` is always there (clients parse it on every deal). */
export function presentDeal(d: crm.deals.v1.Deal) {
  return {
    id: Number(d.id),
    creator_id: sellIdOrNull(d.creatorId),
    owner_id: sellIdOrNull(d.ownerId),
    name: d.name,
    value: sellAmount(d.value),
    currency: d.currency,
    hot: d.hot,
    pipeline_id: sellIdOrNull(d.pipelineId),
    stage_id: sellIdOrNull(d.stageId),
    contact_id: sellIdOrNull(d.contactId),
    organization_id: sellIdOrNull(d.organizationId),
    source_id: sellIdOrNull(d.sourceId),
    loss_reason_id: sellIdOrNull(d.lossReasonId),
    unqualified_reason_id: sellIdOrNull(d.unqualifiedReasonId),
    estimated_close_date: d.estimatedCloseDate ?? null,
    customized_win_likelihood: d.customizedWinLikelihood ?? null,
    added_at: sellTime(d.addedAt),
    last_stage_change_at: sellTime(d.lastStageChangeAt),
    last_stage_change_by_id: sellIdOrNull(d.lastStageChangeById),
    last_activity_at: sellTime(d.lastActivityAt),
    dropbox_email: null,
    tags: d.tags,
    custom_fields: d.customFields ?? {},
    next_step: d.nextStep ?? null,
    created_at: sellTime(d.createdAt),
    updated_at: sellTime(d.updatedAt),
  };
}

/** The per-stage view of a pipeline: count and value per currency of each stage's deals. */
export function presentStageSummary(pipelineId: string, stages: crm.deals.v1.StageTotal[]) {
  return {
    pipeline_id: Number(pipelineId),
    stages: stages.map((s) => ({ stage_id: Number(s.stageId), deal_count: Number(s.dealCount), values: s.values.map((v) => ({ currency: v.currency, amount: sellAmount(v.amount) })) })),
  };
}
