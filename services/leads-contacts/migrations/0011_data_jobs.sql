-- Import and export jobs of leads and contacts.
create table data_jobs (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  kind text not null check (kind in ('import', 'export')),
  resource_type text not null check (resource_type in ('lead', 'contact')),
  status text not null check (status in ('awaiting_file', 'queued', 'running', 'succeeded', 'failed')),
  -- import: column mapping, de-duplication, owner; export: filter and sort.
  settings jsonb not null,
  -- import: the uploaded CSV; export: the CSV produced.
  file_key text,
  file_size bigint,
  total_rows integer,
  -- Import checkpoint: data rows handled in committed batches; a resumed job skips them.
  processed_rows integer not null default 0,
  created_count integer not null default 0,
  updated_count integer not null default 0,
  skipped_count integer not null default 0,
  failed_count integer not null default 0,
  error_message text,
  attempts integer not null default 0,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index data_jobs_tenant_created on data_jobs (tenant_id, id desc);

alter table data_jobs enable row level security;
alter table data_jobs force row level security;
create policy data_jobs_tenant_isolation on data_jobs
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Rows an import could not take, with the reasons; written with the batch they belong to.
create table data_job_row_errors (
  job_id bigint not null references data_jobs (id) on delete cascade,
  tenant_id uuid not null,
  row_number integer not null,
  errors jsonb not null,
  primary key (job_id, row_number)
);

alter table data_job_row_errors enable row level security;
alter table data_job_row_errors force row level security;
create policy data_job_row_errors_tenant_isolation on data_job_row_errors
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Jobs waiting for or held by a runner. A runner leases a job; a lease that runs out (the runner
-- died) lets another runner resume it. No row-level security: only runners read it.
create table data_job_queue (
  job_id bigint primary key,
  tenant_id uuid not null,
  lease_token uuid,
  lease_until timestamptz not null default '-infinity',
  enqueued_at timestamptz not null default now()
);

create index data_job_queue_due on data_job_queue (lease_until, enqueued_at);

-- De-duplication keys of imports: generated, so that plain text equality (leakproof, usable by an
-- index under row-level security) finds a record by e-mail address or phone number.
alter table leads
  add column email_key text generated always as (lower(btrim(email))) stored,
  add column phone_key text generated always as (nullif(regexp_replace(phone, '[^0-9]', '', 'g'), '')) stored;
alter table contacts
  add column email_key text generated always as (lower(btrim(email))) stored,
  add column phone_key text generated always as (nullif(regexp_replace(phone, '[^0-9]', '', 'g'), '')) stored;
create index leads_email_key on leads (tenant_id, email_key) where email_key is not null;
create index leads_phone_key on leads (tenant_id, phone_key) where phone_key is not null;
create index contacts_email_key on contacts (tenant_id, email_key) where email_key is not null;
create index contacts_phone_key on contacts (tenant_id, phone_key) where phone_key is not null;
