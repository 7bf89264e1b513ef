-- Notes on deals. Their ids start at 10^15, above every id leads-contacts gives its notes, so the
-- gateway finds a note's service by its id (see docs/decisions/0016-notes-across-services.md).
create table notes (
  id bigint generated always as identity (start with 1000000000000000) primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  resource_type text not null check (resource_type = 'deal'),
  resource_id bigint not null references deals (id) on delete cascade,
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
