-- adopts: collaborations
-- Users collaborating on records they do not own: they see and edit those records. The service
-- adds a check of the record types it serves (collaborations_resource_type_check) and removes a
-- record's collaborations with the record.
create table collaborations (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  resource_type text not null,
  resource_id bigint not null,
  collaborator_id bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint collaborations_unique unique (tenant_id, resource_type, resource_id, collaborator_id)
);

-- The visibility check: the records a user collaborates on.
create index collaborations_collaborator on collaborations (tenant_id, collaborator_id, resource_id);

alter table collaborations enable row level security;
alter table collaborations force row level security;
create policy collaborations_tenant_isolation on collaborations
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
