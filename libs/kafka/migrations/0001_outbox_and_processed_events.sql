-- adopts: outbox, processed_events
-- Transactional outbox: events written with the change, published by the relay.
-- No row-level security: only the relay reads it, and no API exposes it.
create table outbox (
  id bigint generated always as identity primary key,
  event_id uuid not null unique,
  tenant_id uuid not null,
  topic text not null,
  partition_key text not null,
  event_type text not null,
  headers jsonb not null,
  payload bytea not null,
  trace_carrier jsonb,
  created_at timestamptz not null default now(),
  published_at timestamptz
);

create index outbox_unpublished on outbox (id) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Events this service has consumed (idempotent consumers).
create table processed_events (
  consumer_group text not null,
  event_source text not null,
  event_id text not null,
  processed_at timestamptz not null default now(),
  primary key (consumer_group, event_source, event_id)
);
