-- supersedes: 0b66006b5ebb31b75ce3f8895922faf5c407357e4d7441c76a994a8841e0187b
-- Pipelines and their stages. A tenant's first read creates its default pipeline.
create table pipelines (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 100),
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index pipelines_unique_name on pipelines (tenant_id, lower(name));

create table stages (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  pipeline_id bigint not null references pipelines (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  category text not null check (category in ('incoming', 'in_progress', 'won', 'lost', 'unqualified')),
  position integer not null check (position > 0),
  likelihood integer not null check (likelihood between 0 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index stages_pipeline on stages (tenant_id, pipeline_id, position);
-- One stage of each closed category per pipeline.
create unique index stages_one_closed_each on stages (pipeline_id, category) where category in ('won', 'lost', 'unqualified');

alter table pipelines enable row level security;
alter table pipelines force row level security;
create policy pipelines_tenant_isolation on pipelines
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table stages enable row level security;
alter table stages force row level security;
create policy stages_tenant_isolation on stages
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The outbox and processed events come from @crm/kafka's migrations.
