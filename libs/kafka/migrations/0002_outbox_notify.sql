-- A committed outbox write wakes the relay at once (NOTIFY is delivered at commit, and notices of
-- one transaction fold into one), instead of waiting for its next poll. Polling stays as the net
-- for a notice missed while the relay's listening connection was down.
create function outbox_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('outbox', '');
  return null;
end $$;

create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();
