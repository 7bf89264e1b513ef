-- The CRM's view of the tenants' users (synced from Keycloak, the identity source), their teams
-- and each tenant's account settings.

create table accounts (
  id bigint generated always as identity primary key,
  tenant_id uuid not null unique,
  name text not null check (length(btrim(name)) between 1 and 255),
  currency char(3) not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  time_format text not null default '24H' check (time_format in ('12H', '24H')),
  timezone text not null default 'UTC' check (length(timezone) between 1 and 64),
  phone text check (length(phone) <= 64),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table teams (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 255),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index teams_unique_name on teams (tenant_id, lower(name));

create table users (
  -- Keycloak's crm_user_id attribute: unique in the deployment, the Sell-compatible user id.
  id bigint primary key,
  tenant_id uuid not null,
  -- Keycloak's user id (the tokens' `sub`).
  subject text not null unique,
  name text not null,
  email text not null default '',
  role text not null check (role in ('admin', 'manager', 'user')),
  status text not null check (status in ('active', 'inactive')),
  invited boolean not null default false,
  confirmed boolean not null default false,
  phone_number text check (length(phone_number) <= 64),
  timezone text check (length(timezone) <= 64),
  reports_to bigint,
  team_id bigint references teams (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);

create index users_tenant on users (tenant_id, id);
create index users_reports_to on users (tenant_id, reports_to);
create index users_team on users (tenant_id, team_id);

-- Row-level security on every tenant table.
do $$
declare t text;
begin
  foreach t in array array['accounts', 'teams', 'users'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format($p$create policy %I on %I
      using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t || '_tenant_isolation', t);
  end loop;
end $$;
