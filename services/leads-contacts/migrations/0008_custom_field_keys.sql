-- Index keys that row-level security lets the planner use: under RLS only leakproof operators become
-- index conditions, and numeric = and lower() are not. text_key is lower-cased at write time;
-- number_key is a float8 (exact decimals are rechecked against value_number).
alter table custom_field_values add column text_key text, add column number_key double precision;

-- The backfill spans every tenant, so row-level security is lifted for it inside this transaction
-- (FORCE applies to the owner too).
alter table custom_field_values no force row level security;
alter table custom_field_values disable row level security;
update custom_field_values set text_key = lower(value_text), number_key = value_number::float8;
alter table custom_field_values enable row level security;
alter table custom_field_values force row level security;

drop index custom_field_values_text;
drop index custom_field_values_number;
create index custom_field_values_text_key on custom_field_values (tenant_id, field_id, text_key, record_id);
create index custom_field_values_number_key on custom_field_values (tenant_id, field_id, number_key, record_id);
