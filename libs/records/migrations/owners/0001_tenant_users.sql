-- The users of each tenant as the directory last described them: whom records may be assigned to.
-- Kept current by the directory's user events and filled on a miss by asking the directory.
create table tenant_users (
  tenant_id uuid not null,
  user_id bigint not null,
  active boolean not null,
  -- The directory's updated_at of the user: an older description never replaces a newer one.
  described_at timestamptz not null,
  primary key (tenant_id, user_id)
);

alter table tenant_users enable row level security;
alter table tenant_users force row level security;
create policy tenant_users_tenant_isolation on tenant_users
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
