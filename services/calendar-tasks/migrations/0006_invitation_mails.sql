-- iMIP mail to external attendees (invitations, updates, cancellations), written in the
-- appointment's transaction and sent after it commits by the invitation sender of any replica.
-- Like the outbox and the reminders, only that worker reads it across tenants; no API exposes it.
create table invitation_mails (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  appointment_id bigint not null,
  recipient text not null,
  method text not null check (method in ('REQUEST', 'CANCEL')),
  -- The appointment as the mail shows it, taken when the change committed.
  snapshot jsonb not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  failed_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);

create index invitation_mails_due on invitation_mails (next_attempt_at) where sent_at is null and failed_at is null;
create index invitation_mails_appointment on invitation_mails (tenant_id, appointment_id);

-- The DTSTAMP of the last answer applied for an attendee (an answer in the CRM or by link counts as
-- now): an iTIP REPLY older than it arrived out of order and changes nothing.
alter table appointment_attendees add column reply_stamp timestamptz;
