-- adopts: custom_fields, custom_field_values
-- Custom field definitions. Records keep their values in their own custom_fields column (jsonb
-- keyed by field id, so a rename keeps values); custom_field_values indexes them for filtering and
-- sorting. The service adds a check of the resources it serves (custom_fields_resource_check).
create table custom_fields (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  resource text not null,
  name text not null check (length(btrim(name)) between 1 and 128),
  type text not null check (type in ('string', 'text', 'number', 'bool', 'list', 'multi_select_list', 'date', 'datetime', 'email', 'phone', 'address', 'url')),
  -- [{"id": 1, "name": "Gold"}, ...] for list and multi_select_list
  choices jsonb not null default '[]'::jsonb,
  for_company boolean not null default true,
  for_contact boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index custom_fields_unique_name on custom_fields (tenant_id, resource, lower(name));

-- One row per value (per option for multi-select); value_text holds text-like values, dates as ISO
-- text and booleans as 'true'/'false'; value_number holds numbers and option ids. The keys are what
-- row-level security lets the planner use as index conditions (only leakproof operators qualify,
-- and numeric = and lower() do not): text_key is the lower-cased first 200 characters (a btree
-- entry holds about 2.7 kB; longer values are rechecked against value_text), number_key a float8
-- (exact decimals are rechecked against value_number).
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

alter table custom_fields enable row level security;
alter table custom_fields force row level security;
create policy custom_fields_tenant_isolation on custom_fields
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table custom_field_values enable row level security;
alter table custom_field_values force row level security;
create policy custom_field_values_tenant_isolation on custom_field_values
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
