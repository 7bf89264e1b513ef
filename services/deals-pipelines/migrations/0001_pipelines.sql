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

-- Transactional outbox: events written with the change, published by the relay.
-- No row-level security: only the relay reads it, and no API exposes it.
create table outbox (
  id bigint generated always as identity primary key,
  event_id uuid not null unique,
  tenant_id uuid not null,
  topic text not null,
  partition_key text not null,
  event_type text not null,
  headers jsonb not null,
  payload bytea not null,
  trace_carrier jsonb,
  created_at timestamptz not null default now(),
  published_at timestamptz
);

create index outbox_unpublished on outbox (id) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Events this service has consumed (idempotent consumers).
create table processed_events (
  consumer_group text not null,
  event_source text not null,
  event_id text not null,
  processed_at timestamptz not null default now(),
  primary key (consumer_group, event_source, event_id)
);
