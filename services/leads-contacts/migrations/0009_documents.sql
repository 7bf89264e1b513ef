-- supersedes: 9d385ef171c207a2488863b530f78209a19d933a09d73b2e5712b7a4b9857972
-- Files attached to leads and contacts: metadata here, bytes in object storage under storage_key.
create table documents (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  resource_type text not null check (resource_type in ('lead', 'contact')),
  resource_id bigint not null,
  name text not null check (length(name) between 1 and 255),
  content_type text not null,
  size bigint not null check (size >= 0),
  sha256 text not null,
  storage_key text not null unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index documents_record on documents (tenant_id, resource_type, resource_id, id);

alter table documents enable row level security;
alter table documents force row level security;
create policy documents_tenant_isolation on documents
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Their stored objects are removed through the object_purges queue of @crm/service's migrations.
