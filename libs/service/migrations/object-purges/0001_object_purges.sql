-- adopts: object_purges
-- Stored objects whose metadata is gone, queued in the same transaction as the change that drops
-- the metadata and removed from storage by ObjectPurger. No row-level security: only the purger
-- reads it, across tenants.
create table object_purges (
  storage_key text primary key,
  enqueued_at timestamptz not null default now()
);
