-- Tags of records, one row per name and record type. Records keep carrying their tags by name
-- (a text[] column); this table is the list Sell's /v2/tags serves, with ids and creators. The
-- service adds a check of the record types it serves (tags_resource_type_check) and, on each
-- record table, the triggers of register_record_tags() below.
create table tags (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  resource_type text not null,
  name text not null check (length(name) between 1 and 64),
  creator_id bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tags_name_unique unique (tenant_id, resource_type, name)
);

create index tags_tenant_updated on tags (tenant_id, updated_at, id);

alter table tags enable row level security;
alter table tags force row level security;
create policy tags_tenant_isolation on tags
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- A record given a name that is no tag yet makes it one, whichever code path wrote the record
-- (API, import, conversion, automation). Statement-level, so an import of many rows registers
-- its tags in one insert. The trigger passes the record type as its argument and names its
-- transition table new_records; the tag is credited to the creator of the first record carrying it.
create function register_record_tags() returns trigger language plpgsql as $$
begin
  insert into tags (tenant_id, resource_type, name, creator_id)
  select distinct on (n.tenant_id, t.name) n.tenant_id, tg_argv[0], t.name, n.creator_id
  from new_records n, unnest(n.tags) as t(name)
  order by n.tenant_id, t.name, n.id
  on conflict on constraint tags_name_unique do nothing;
  return null;
end $$;
