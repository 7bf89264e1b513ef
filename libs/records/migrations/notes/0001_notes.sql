-- adopts: notes
-- Notes on records; a note is visible exactly when its record is. The service adds a check of the
-- record types it serves (notes_resource_type_check) and, where it owns them, a foreign key to them.
create table notes (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  resource_type text not null,
  resource_id bigint not null,
  content text not null check (length(content) between 1 and 100000),
  is_important boolean not null default false,
  tags text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index notes_record on notes (tenant_id, resource_type, resource_id, id);
create index notes_tenant_updated on notes (tenant_id, updated_at, id);

alter table notes enable row level security;
alter table notes force row level security;
create policy notes_tenant_isolation on notes
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
