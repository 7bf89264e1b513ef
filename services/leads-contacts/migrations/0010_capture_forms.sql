-- Web forms that create leads without a user token.
create table capture_forms (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  name text not null check (length(name) between 1 and 255),
  form_key text not null unique,
  -- [{"name": "first_name", "required": true}, {"name": "custom_fields.Budget", "required": false}]
  fields jsonb not null,
  owner_id bigint not null,
  source_id bigint references reference_items (id) on delete restrict,
  tags text[] not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, name)
);

alter table capture_forms enable row level security;
alter table capture_forms force row level security;
create policy capture_forms_tenant_isolation on capture_forms
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- A submission carries only the form key. This map is all the public path reads before it enters
-- the tenant; it holds no data beyond key -> tenant and form. No row-level security, like the outbox.
create table capture_form_keys (
  form_key text primary key,
  tenant_id uuid not null,
  form_id bigint not null unique references capture_forms (id) on delete cascade
);
