-- Calendars: every user's built-in calendar (made on first use) and, later, the CalDAV calendars
-- users connect. One calendar per user is the default, the only one the CRM writes to.
create table calendars (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  owner_id bigint not null,
  kind text not null check (kind in ('builtin', 'caldav')),
  name text not null check (length(btrim(name)) between 1 and 255),
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index calendars_builtin on calendars (tenant_id, owner_id) where kind = 'builtin';
create unique index calendars_default on calendars (tenant_id, owner_id) where is_default;

-- Appointments: a single event, a series (RRULE with EXDATEs, expanded in its time zone) or one
-- overridden occurrence of a series (series_id and recurrence_id, sharing the series' UID).
create table appointments (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  calendar_id bigint not null references calendars (id) on delete cascade,
  owner_id bigint not null,
  creator_id bigint not null,
  -- iCalendar identity: UID (with RECURRENCE-ID for an override) and SEQUENCE, raised by every
  -- change attendees must hear of.
  uid text not null check (length(uid) between 1 and 255),
  sequence integer not null default 0,
  series_id bigint references appointments (id) on delete cascade,
  recurrence_id timestamptz,
  name text not null check (length(btrim(name)) between 1 and 255),
  description text not null default '' check (length(description) <= 10000),
  location text not null default '' check (length(location) <= 1000),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  time_zone text not null,
  all_day boolean not null default false,
  rrule text,
  exdates timestamptz[] not null default '{}',
  resource_type text check (resource_type in ('lead', 'contact', 'deal')),
  resource_id bigint,
  status text not null default 'confirmed' check (status in ('confirmed', 'cancelled')),
  reminder_preset text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check ((resource_type is null) = (resource_id is null)),
  check ((series_id is null) = (recurrence_id is null)),
  check (series_id is null or rrule is null)
);

create unique index appointments_uid on appointments (tenant_id, calendar_id, uid, recurrence_id) nulls not distinct;
-- Single appointments and overrides are found by time; series (few per user) are expanded in a
-- query's range, so they are found apart.
create index appointments_calendar_time on appointments (tenant_id, calendar_id, starts_at) where rrule is null;
create index appointments_owner_time on appointments (tenant_id, owner_id, starts_at) where rrule is null;
create index appointments_owner_series on appointments (tenant_id, owner_id) where rrule is not null;
create index appointments_series on appointments (series_id) where series_id is not null;
create index appointments_resource on appointments (tenant_id, resource_type, resource_id) where resource_id is not null;

-- Who is invited: users of the tenant (user_id) and external addresses, with their answer.
create table appointment_attendees (
  appointment_id bigint not null references appointments (id) on delete cascade,
  tenant_id uuid not null,
  email text not null check (length(email) between 3 and 320),
  name text not null default '',
  user_id bigint,
  partstat text not null default 'needs-action' check (partstat in ('needs-action', 'accepted', 'declined', 'tentative')),
  responded_at timestamptz,
  primary key (appointment_id, email)
);

create index appointment_attendees_user on appointment_attendees (tenant_id, user_id) where user_id is not null;

do $$
declare t text;
begin
  foreach t in array array['calendars', 'appointments', 'appointment_attendees'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format($p$create policy %I on %I
      using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t || '_tenant_isolation', t);
  end loop;
end $$;

-- Appointments share the reminder scheduler: one row per appointment, for its next occurrence
-- (the scheduler moves a series' row on to the following occurrence when it fires).
alter table reminders drop constraint reminders_subject_type_check;
alter table reminders add constraint reminders_subject_type_check check (subject_type in ('task', 'appointment'));
alter table reminders add column occurrence timestamptz;
