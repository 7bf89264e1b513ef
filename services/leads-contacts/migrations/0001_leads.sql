-- Leads of every tenant, isolated by row-level security on tenant_id.
create table leads (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  owner_id bigint not null,
  first_name text,
  last_name text,
  organization_name text,
  status text not null default 'new' check (status in ('new', 'working', 'unqualified')),
  source_id bigint,
  unqualified_reason_id bigint,
  title text,
  description text,
  industry text,
  website text,
  email text,
  phone text,
  mobile text,
  fax text,
  twitter text,
  facebook text,
  linkedin text,
  skype text,
  address_line1 text,
  address_city text,
  address_postal_code text,
  address_state text,
  address_country text,
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}'::jsonb,
  version bigint not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint leads_name_present check (last_name is not null or organization_name is not null)
);

create index leads_tenant_owner on leads (tenant_id, owner_id, id);
create index leads_tenant_updated on leads (tenant_id, updated_at, id);
create index leads_tenant_status on leads (tenant_id, status, id);
create index leads_tenant_email on leads (tenant_id, lower(email));

alter table leads enable row level security;
alter table leads force row level security;
-- nullif: after a transaction-local set_config ends, the setting reads as '' rather than NULL.
create policy leads_tenant_isolation on leads
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
