-- Deals, the reference lists and custom fields they use, and the history of their stage changes.

-- Tenant-managed lists of deal attributes (the same shape as in leads-contacts, owned here).
create table reference_items (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  list text not null check (list in ('deal_source', 'loss_reason', 'deal_unqualified_reason')),
  name text not null check (length(btrim(name)) between 1 and 255),
  -- null for the defaults every tenant starts with
  creator_id bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index reference_items_unique_name on reference_items (tenant_id, list, lower(name));
create index reference_items_tenant_list on reference_items (tenant_id, list, id);

-- Tenants whose default reference items exist (seeded on first use).
create table tenant_defaults (
  tenant_id uuid primary key,
  applied_at timestamptz not null default now()
);

-- Custom field definitions of deals; values live in deals.custom_fields (jsonb keyed by field id)
-- and custom_field_values indexes them with leakproof keys (see leads-contacts 0008 and 0013).
create table custom_fields (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  resource text not null check (resource = 'deal'),
  name text not null check (length(btrim(name)) between 1 and 128),
  type text not null check (type in ('string', 'text', 'number', 'bool', 'list', 'multi_select_list', 'date', 'datetime', 'email', 'phone', 'address', 'url')),
  choices jsonb not null default '[]'::jsonb,
  for_company boolean not null default true,
  for_contact boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index custom_fields_unique_name on custom_fields (tenant_id, resource, lower(name));

create table custom_field_values (
  tenant_id uuid not null,
  field_id bigint not null references custom_fields (id) on delete cascade,
  record_id bigint not null,
  value_text text,
  value_number numeric,
  text_key text,
  number_key double precision
);

create index custom_field_values_text_key on custom_field_values (tenant_id, field_id, text_key, record_id);
create index custom_field_values_number_key on custom_field_values (tenant_id, field_id, number_key, record_id);
create index custom_field_values_record on custom_field_values (record_id, field_id);

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
  foreach t in array array['reference_items', 'tenant_defaults', 'custom_fields', 'custom_field_values', 'deals', 'deal_stage_changes'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format($p$create policy %I on %I
      using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t || '_tenant_isolation', t);
  end loop;
end $$;
