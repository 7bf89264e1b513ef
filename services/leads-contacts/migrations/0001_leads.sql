-- supersedes: 6d184fc9cbf585a9371d7fc73cf1240ba61431e6694f5b01572bd1b9e480bbdb
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

-- The outbox and processed events come from @crm/kafka's migrations.
