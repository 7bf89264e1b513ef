-- Each stage history row learns, when the deal moves on, when it left the stage, where it went and
-- whether that was forward (a later active stage, or won). Analytics then aggregate rows of a period
-- without ordering every deal's history.
alter table deal_stage_changes
  add column left_at timestamptz,
  add column next_stage_id bigint,
  add column advanced boolean;

-- Backfill across tenants: row-level security is lifted, inside this transaction, for the table
-- written and the table read (as in leads-contacts 0008).
alter table deal_stage_changes no force row level security;
alter table deal_stage_changes disable row level security;
alter table stages no force row level security;
alter table stages disable row level security;
with ordered as (
  select c.id,
         lead(c.changed_at) over w as left_at,
         lead(c.to_stage_id) over w as next_stage_id
  from deal_stage_changes c
  window w as (partition by c.deal_id order by c.changed_at, c.id)
)
update deal_stage_changes c
set left_at = o.left_at,
    next_stage_id = o.next_stage_id,
    advanced = nx.category = 'won' or (nx.category in ('incoming', 'in_progress') and nx.pipeline_id = cur.pipeline_id and nx.position > cur.position)
from ordered o
left join stages nx on nx.id = o.next_stage_id
join stages cur on true
where c.id = o.id and o.next_stage_id is not null and cur.id = c.to_stage_id;
alter table deal_stage_changes enable row level security;
alter table deal_stage_changes force row level security;
alter table stages enable row level security;
alter table stages force row level security;

-- A deal's open history row (the stage it is in) is found directly.
create index deal_stage_changes_open on deal_stage_changes (deal_id) where left_at is null;
-- The stage flow of a pipeline over a period reads this index alone.
create index deal_stage_changes_flow on deal_stage_changes (tenant_id, pipeline_id, changed_at) include (to_stage_id, deal_id, left_at, advanced);
drop index deal_stage_changes_stage;

-- The per-stage summary of a pipeline (filtered by owner) reads this index alone.
drop index deals_pipeline_stage;
create index deals_pipeline_stage on deals (tenant_id, pipeline_id, stage_id, owner_id) include (currency, value);
