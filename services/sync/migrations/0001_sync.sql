-- The records every device may copy, as the domain events last described them, and what each
-- device acknowledged of them.

-- One row per record: its latest snapshot (the event's protobuf message), its owner for
-- visibility, and a revision that grows with every applied event. A deleted record stays as a
-- tombstone without snapshot, so devices that hold it learn of the deletion.
create table sync_objects (
  tenant_id uuid not null,
  type text not null check (type in ('lead', 'contact', 'deal')),
  id bigint not null,
  revision bigint not null default 1,
  owner_id bigint,
  deleted boolean not null default false,
  snapshot bytea,
  changed_at timestamptz not null,
  primary key (tenant_id, type, id),
  check (deleted = (snapshot is null))
);

create index sync_objects_owner on sync_objects (tenant_id, owner_id);

-- The revision of each record a device acknowledged, and whether it then held the record
-- (false after it acknowledged a deletion).
create table sync_device_objects (
  tenant_id uuid not null,
  user_id bigint not null,
  device_uuid uuid not null,
  type text not null,
  id bigint not null,
  revision bigint not null,
  present boolean not null,
  primary key (tenant_id, user_id, device_uuid, type, id)
);

-- A session: the changes a device had to receive when it started, sent page by page. Expired
-- sessions of a tenant are removed when a session of the tenant starts.
create table sync_sessions (
  id uuid primary key,
  tenant_id uuid not null,
  user_id bigint not null,
  device_uuid uuid not null,
  total integer not null,
  sent integer not null default 0,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create index sync_sessions_expiry on sync_sessions (expires_at);

create table sync_session_items (
  tenant_id uuid not null,
  session_id uuid not null references sync_sessions (id) on delete cascade,
  seq integer not null,
  type text not null,
  id bigint not null,
  event_type text not null check (event_type in ('created', 'updated', 'deleted')),
  primary key (session_id, seq)
);

do $$
declare t text;
begin
  foreach t in array array['sync_objects', 'sync_device_objects', 'sync_sessions', 'sync_session_items'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format($p$create policy %I on %I
      using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t || '_tenant_isolation', t);
  end loop;
end $$;
