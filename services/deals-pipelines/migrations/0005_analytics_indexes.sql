-- Outcome counts of one pipeline over a period read this index alone.
drop index deals_outcome;
create index deals_pipeline_outcome on deals (tenant_id, pipeline_id, stage_category, last_stage_change_at);
-- The stage history of a deal, in order (times in stage).
create index deal_stage_changes_deal_order on deal_stage_changes (deal_id, changed_at, id);
