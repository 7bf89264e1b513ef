-- supersedes: ebd0df0536eaf3ffb348cadfd4502add38eca0e930bc39b89f43148c529c0cf1
-- Deals and the history of their stage changes.

-- The reference lists, tenant defaults and custom fields come from @crm/records' migrations; deals
-- use these lists and custom fields of resource 'deal'.
alter table reference_items add constraint reference_items_list_check check (list in ('deal_source', 'loss_reason', 'deal_unqualified_reason'));
alter table custom_fields add constraint custom_fields_resource_check check (resource = 'deal');

create table deals (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  owner_id bigint not null,
  name text not null check (length(btrim(name)) between 1 and 255),
  -- Exact money: never a float. Every deal has a value (0 when none was given).
  value numeric(17, 2) not null default 0,
  currency char(3) not null,
  hot boolean not null default false,
  pipeline_id bigint not null references pipelines (id),
  -- A stage holding deals is deleted only after its deals move (on delete restrict).
  stage_id bigint not null references stages (id) on delete restrict,
  -- The stage's category, which never changes for a stage: the deal's outcome, kept here so outcome
  -- counts and per-stage views read one table.
  stage_category text not null check (stage_category in ('incoming', 'in_progress', 'won', 'lost', 'unqualified')),
  -- The primary contact and its organisation live in leads-contacts: no foreign key, and a contact
  -- deleted later leaves the id in place.
  contact_id bigint,
  organization_id bigint,
  source_id bigint references reference_items (id) on delete restrict,
  loss_reason_id bigint references reference_items (id) on delete restrict,
  unqualified_reason_id bigint references reference_items (id) on delete restrict,
  estimated_close_date date,
  customized_win_likelihood integer check (customized_win_likelihood between 0 and 100),
  added_at timestamptz,
  last_stage_change_at timestamptz not null default now(),
  last_stage_change_by_id bigint,
  last_activity_at timestamptz,
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index deals_owner on deals (tenant_id, owner_id, id);
create index deals_stage on deals (tenant_id, stage_id, owner_id);
create index deals_pipeline_stage on deals (tenant_id, pipeline_id, stage_id);
create index deals_outcome on deals (tenant_id, stage_category, last_stage_change_at);
create index deals_contact on deals (tenant_id, contact_id) where contact_id is not null;
create index deals_organization on deals (tenant_id, organization_id) where organization_id is not null;
create index deals_tags on deals using gin (tags);

-- Every stage a deal entered, with who moved it and why (from_stage_id is null on creation).
create table deal_stage_changes (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  deal_id bigint not null references deals (id) on delete cascade,
  pipeline_id bigint not null,
  from_stage_id bigint,
  to_stage_id bigint not null,
  to_category text not null,
  reason_id bigint,
  changed_by_id bigint not null,
  changed_at timestamptz not null default now()
);

create index deal_stage_changes_deal on deal_stage_changes (tenant_id, deal_id, changed_at);
create index deal_stage_changes_stage on deal_stage_changes (tenant_id, pipeline_id, changed_at);

-- Row-level security on every tenant table.
do $$
declare t text;
begin
  foreach t in array array['deals', 'deal_stage_changes'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format($p$create policy %I on %I
      using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t || '_tenant_isolation', t);
  end loop;
end $$;
