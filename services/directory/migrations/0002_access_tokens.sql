-- Personal access tokens. Only a SHA-256 of each token is kept; the token is shown once.

create table access_tokens (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  user_id bigint not null references users (id),
  name text not null check (length(btrim(name)) between 1 and 255),
  token_hash bytea not null unique check (length(token_hash) = 32),
  scopes text[] not null check (cardinality(scopes) between 1 and 2 and scopes <@ array['read', 'write']),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now()
);

create index access_tokens_user on access_tokens (tenant_id, user_id, id);

alter table access_tokens enable row level security;
alter table access_tokens force row level security;
create policy access_tokens_tenant_isolation on access_tokens
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- A presented token names no tenant, so its tenant is looked up here first, outside row-level
-- security. The table holds a hash and a tenant id only: nothing that reads another tenant's data.
create table access_token_tenants (
  token_hash bytea primary key check (length(token_hash) = 32),
  tenant_id uuid not null
);
