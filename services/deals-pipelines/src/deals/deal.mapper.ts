import type { crm } from '@crm/proto';
import { presentCustomFields, type CustomFieldCatalog } from '@crm/records';
import type { DealFields } from './deal-input';
import type { DealRow } from './deals.repository';

const opt = <T>(v: T | null): T | undefined => v ?? undefined;

export function rowToDeal(row: DealRow, catalog: CustomFieldCatalog): crm.deals.v1.Deal {
  return {
    id: row.id,
    creatorId: row.creator_id,
    ownerId: row.owner_id,
    name: row.name,
    value: row.value,
    currency: row.currency,
    hot: row.hot,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    stageCategory: row.stage_category,
    contactId: opt(row.contact_id),
    organizationId: opt(row.organization_id),
    sourceId: opt(row.source_id),
    lossReasonId: opt(row.loss_reason_id),
    unqualifiedReasonId: opt(row.unqualified_reason_id),
    estimatedCloseDate: opt(row.estimated_close_date),
    customizedWinLikelihood: opt(row.customized_win_likelihood),
    addedAt: opt(row.added_at),
    lastStageChangeAt: row.last_stage_change_at,
    lastStageChangeById: opt(row.last_stage_change_by_id),
    lastActivityAt: opt(row.last_activity_at),
    tags: row.tags,
    customFields: presentCustomFields(row.custom_fields, catalog),
    nextStep: opt(row.next_step),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The writable fields of a stored deal. */
export function rowToFields(row: DealRow): DealFields {
  return {
    owner_id: row.owner_id,
    name: row.name,
    value: row.value,
    currency: row.currency,
    hot: row.hot,
    stage_id: row.stage_id,
    contact_id: row.contact_id,
    source_id: row.source_id,
    loss_reason_id: row.loss_reason_id,
    unqualified_reason_id: row.unqualified_reason_id,
    estimated_close_date: row.estimated_close_date,
    customized_win_likelihood: row.customized_win_likelihood,
    added_at: row.added_at,
    last_stage_change_at: row.last_stage_change_at,
    tags: row.tags,
    custom_fields: row.custom_fields,
    next_step: row.next_step,
  };
}
