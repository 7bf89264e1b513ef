-- Tenant-managed lists that lead attributes refer to: lead sources and lead unqualified reasons.
create table reference_items (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  list text not null check (list in ('lead_source', 'lead_unqualified_reason')),
  name text not null check (length(btrim(name)) between 1 and 255),
  -- null for the defaults every tenant starts with
  creator_id bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index reference_items_unique_name on reference_items (tenant_id, list, lower(name));
create index reference_items_tenant_list on reference_items (tenant_id, list, id);

alter table reference_items enable row level security;
alter table reference_items force row level security;
create policy reference_items_tenant_isolation on reference_items
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Tenants whose default reference items exist (seeded on first use).
create table tenant_defaults (
  tenant_id uuid primary key,
  applied_at timestamptz not null default now()
);

alter table tenant_defaults enable row level security;
alter table tenant_defaults force row level security;
create policy tenant_defaults_tenant_isolation on tenant_defaults
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- An item in use cannot disappear from under its leads.
alter table leads
  add constraint leads_source_fk foreign key (source_id) references reference_items (id) on delete restrict,
  add constraint leads_unqualified_reason_fk foreign key (unqualified_reason_id) references reference_items (id) on delete restrict;
create index leads_source on leads (source_id) where source_id is not null;
create index leads_unqualified_reason on leads (unqualified_reason_id) where unqualified_reason_id is not null;
