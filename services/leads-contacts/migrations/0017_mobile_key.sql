-- The digits of the mobile number, next to those of the phone number (0011), so that a call or a
-- text from either finds its lead or contact by index.
alter table leads add column mobile_key text generated always as (nullif(regexp_replace(mobile, '[^0-9]', '', 'g'), '')) stored;
alter table contacts add column mobile_key text generated always as (nullif(regexp_replace(mobile, '[^0-9]', '', 'g'), '')) stored;
create index leads_mobile_key on leads (tenant_id, mobile_key) where mobile_key is not null;
create index contacts_mobile_key on contacts (tenant_id, mobile_key) where mobile_key is not null;
