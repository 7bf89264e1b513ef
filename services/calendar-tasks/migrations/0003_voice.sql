-- The account's voice provider integration: the public key of its webhook URL and the secret the
-- provider signs with. Row-level security applies to the runtime role; the schema owner reads
-- past it only through voice_integration_tenant, which answers a key's tenant and nothing else.
create table voice_integrations (
  tenant_id uuid primary key,
  public_key text not null unique,
  secret text not null,
  created_by bigint not null,
  created_at timestamptz not null default now(),
  rotated_at timestamptz not null default now()
);

alter table voice_integrations enable row level security;
create policy voice_integrations_tenant_isolation on voice_integrations
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

create function voice_integration_tenant(key text) returns uuid
  language sql stable security definer set search_path = public
  as $$ select tenant_id from voice_integrations where public_key = key $$;

-- Provider events already handled: a replayed request is refused.
create table voice_webhook_events (
  tenant_id uuid not null,
  event_id text not null,
  received_at timestamptz not null default now(),
  primary key (tenant_id, event_id)
);

alter table voice_webhook_events enable row level security;
alter table voice_webhook_events force row level security;
create policy voice_webhook_events_tenant_isolation on voice_webhook_events
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
