-- Call and visit outcomes are reference lists (the records library's reference_items).
alter table reference_items add constraint reference_items_list_check check (list in ('call_outcome', 'visit_outcome'));

-- Calls users made or took: logged by hand through the API or by the voice provider's webhook.
create table calls (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  user_id bigint not null,
  summary text not null default '' check (length(summary) <= 10000),
  recording_url text check (length(recording_url) <= 2048),
  outcome_id bigint references reference_items (id),
  duration integer not null default 0 check (duration between 0 and 86400),
  phone_number text check (length(phone_number) <= 64),
  incoming boolean not null default false,
  missed boolean not null default false,
  resource_type text check (resource_type in ('lead', 'contact')),
  resource_id bigint,
  associated_deal_ids bigint[] not null default '{}',
  made_at timestamptz not null default now(),
  external_id text check (length(external_id) <= 255),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((resource_type is null) = (resource_id is null))
);

create index calls_user on calls (tenant_id, user_id, made_at);
create index calls_resource on calls (tenant_id, resource_type, resource_id) where resource_id is not null;
create index calls_deals on calls using gin (associated_deal_ids);
-- A provider's call is logged once, however often its webhook is delivered.
create unique index calls_external_id on calls (tenant_id, external_id) where external_id is not null;

-- Text messages, logged by the voice provider's webhook; read-only through the API.
create table text_messages (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  user_id bigint not null,
  content text not null check (length(content) <= 10000),
  incoming boolean not null,
  resource_type text check (resource_type in ('lead', 'contact')),
  resource_id bigint,
  resource_phone_number text,
  user_phone_number text,
  associated_deal_ids bigint[] not null default '{}',
  sent_at timestamptz not null,
  external_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((resource_type is null) = (resource_id is null))
);

create index text_messages_resource on text_messages (tenant_id, resource_type, resource_id) where resource_id is not null;
create index text_messages_user on text_messages (tenant_id, user_id, sent_at);
create unique index text_messages_external_id on text_messages (tenant_id, external_id) where external_id is not null;

-- Visits of users at leads and contacts.
create table visits (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  outcome_id bigint references reference_items (id),
  resource_type text not null check (resource_type in ('lead', 'contact')),
  resource_id bigint not null,
  resource_address text check (length(resource_address) <= 1000),
  rep_location_verification_status text not null check (rep_location_verification_status in ('verified', 'unverified', 'unavailable')),
  summary text not null default '' check (length(summary) <= 10000),
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  visited_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((latitude is null) = (longitude is null))
);

create index visits_creator on visits (tenant_id, creator_id, visited_at);
create index visits_resource on visits (tenant_id, resource_type, resource_id);

do $$
declare t text;
begin
  foreach t in array array['calls', 'text_messages', 'visits'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format($p$create policy %I on %I
      using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t || '_tenant_isolation', t);
  end loop;
end $$;
