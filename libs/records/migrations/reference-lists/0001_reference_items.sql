-- adopts: reference_items, tenant_defaults
-- Tenant-managed lists that record attributes refer to. The service adds a check of the list names
-- it serves (constraint reference_items_list_check).
create table reference_items (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  list text not null,
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

alter table reference_items enable row level security;
alter table reference_items force row level security;
create policy reference_items_tenant_isolation on reference_items
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table tenant_defaults enable row level security;
alter table tenant_defaults force row level security;
create policy tenant_defaults_tenant_isolation on tenant_defaults
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
