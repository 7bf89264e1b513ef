-- CalDAV calendars: where the calendar lives, the user's credentials (encrypted with the service's
-- key; never returned), and the state of its incremental sync.
alter table calendars
  add column server_url text,
  add column calendar_url text,
  add column username text,
  -- AES-256-GCM of the password: 12-byte nonce, ciphertext, 16-byte tag.
  add column secret bytea,
  add column ctag text,
  add column sync_token text,
  add column sync_status text not null default 'ok' check (sync_status in ('ok', 'error')),
  add column sync_error text,
  add column last_synced_at timestamptz,
  add constraint calendars_caldav_fields check ((kind = 'caldav') = (calendar_url is not null and username is not null and secret is not null));

create unique index calendars_caldav_url on calendars (tenant_id, owner_id, calendar_url) where kind = 'caldav';

-- When each CalDAV calendar's next sync is due (on its schedule, or now when asked for), and the
-- lease of the replica syncing it: one that dies mid-sync leaves the calendar to another once the
-- lease ends. Like the reminders, only the sync worker reads it across tenants; no API exposes it.
create table caldav_sync_schedule (
  calendar_id bigint primary key references calendars (id) on delete cascade,
  tenant_id uuid not null,
  next_sync_at timestamptz not null default now(),
  lease_until timestamptz
);

create index caldav_sync_due on caldav_sync_schedule (next_sync_at);

-- The objects of a CalDAV calendar as last seen on the server (href and ETag) and the appointment
-- each became; `dirty` marks a CRM change not yet written to the server, `deleted` a CRM deletion.
create table caldav_resources (
  calendar_id bigint not null references calendars (id) on delete cascade,
  tenant_id uuid not null,
  href text not null,
  uid text not null,
  etag text,
  dirty boolean not null default false,
  deleted boolean not null default false,
  primary key (calendar_id, href)
);

create unique index caldav_resources_uid on caldav_resources (calendar_id, uid);
create index caldav_resources_dirty on caldav_resources (calendar_id) where dirty;

alter table caldav_resources enable row level security;
alter table caldav_resources force row level security;
create policy caldav_resources_tenant_isolation on caldav_resources
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Each user's iCalendar feed: the SHA-256 of its secret token (shown once, when made); a new token
-- replaces the old one, and deleting the row revokes the feed.
create table calendar_feeds (
  tenant_id uuid not null,
  owner_id bigint not null,
  token_hash bytea not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, owner_id)
);

create unique index calendar_feeds_token on calendar_feeds (token_hash);

alter table calendar_feeds enable row level security;
alter table calendar_feeds force row level security;
create policy calendar_feeds_tenant_isolation on calendar_feeds
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
