-- Tasks of users, on a lead, a contact or a deal (each kept by its own service, referenced by id)
-- or floating. The reminder preset, when there is one, keeps remind_at at a fixed offset before
-- due_date, so moving the due date moves the reminder.
create table tasks (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  owner_id bigint not null,
  content text not null check (length(btrim(content)) between 1 and 10000),
  due_date timestamptz,
  remind_at timestamptz,
  reminder_preset text check (reminder_preset in ('1_week_before', '1_day_before', '1_hour_before', '30_minutes_before', '15_minutes_before', '5_minutes_before', 'at_due_time')),
  completed boolean not null default false,
  completed_at timestamptz,
  resource_type text check (resource_type in ('lead', 'contact', 'deal')),
  resource_id bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((resource_type is null) = (resource_id is null)),
  check (reminder_preset is null or (due_date is not null and remind_at is not null)),
  check (remind_at is null or due_date is null or remind_at <= due_date),
  check (completed = (completed_at is not null))
);

-- A user's task list: by owner, open first, by due date.
create index tasks_owner_due on tasks (tenant_id, owner_id, completed, due_date, id);
create index tasks_resource on tasks (tenant_id, resource_type, resource_id) where resource_id is not null;

alter table tasks enable row level security;
alter table tasks force row level security;
create policy tasks_tenant_isolation on tasks
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- One pending reminder per task and time, claimed by the scheduler of any replica across tenants
-- (no row-level security: as the outbox, only the scheduler reads it and no API exposes it; the
-- task it fires for is read under its tenant). A reminder's id is new whenever its time changes,
-- so a reminder moved after it fired fires again, and consumers de-duplicate on the id.
create table reminders (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  subject_type text not null check (subject_type in ('task')),
  subject_id bigint not null,
  remind_at timestamptz not null,
  fired_at timestamptz,
  unique (subject_type, subject_id)
);

create index reminders_due on reminders (remind_at) where fired_at is null;
