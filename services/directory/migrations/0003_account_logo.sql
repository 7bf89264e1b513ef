-- The account's logo: its bytes in object storage under logo_key (a key per content, so a new logo
-- never overwrites the one readers may be fetching), its metadata here.
alter table accounts
  add column logo_key text,
  add column logo_content_type text,
  add column logo_size bigint,
  add column logo_sha256 text,
  add column logo_updated_at timestamptz,
  add constraint accounts_logo_complete check ((logo_key is null) = (logo_content_type is null) and (logo_key is null) = (logo_size is null) and (logo_key is null) = (logo_sha256 is null) and (logo_key is null) = (logo_updated_at is null));
