-- History rows carry the deal's current owner (kept in step on owner changes), so the stage flow of
-- a period filters by visibility in its index instead of looking every deal up.
alter table deal_stage_changes add column owner_id bigint;

-- Across tenants: row-level security lifted inside this transaction for both tables.
alter table deal_stage_changes no force row level security;
alter table deal_stage_changes disable row level security;
alter table deals no force row level security;
alter table deals disable row level security;
update deal_stage_changes c set owner_id = d.owner_id from deals d where d.id = c.deal_id;
alter table deal_stage_changes enable row level security;
alter table deal_stage_changes force row level security;
alter table deals enable row level security;
alter table deals force row level security;

alter table deal_stage_changes alter column owner_id set not null;
drop index deal_stage_changes_flow;
create index deal_stage_changes_flow on deal_stage_changes (tenant_id, pipeline_id, changed_at) include (to_stage_id, owner_id, left_at, advanced);
