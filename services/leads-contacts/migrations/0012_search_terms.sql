-- Search-as-you-type by word prefix. The trigram index of 0007 cannot serve queries under row-level
-- security: LIKE and the similarity operators are not leakproof, so PostgreSQL applies them only
-- after the policy, to every row of the tenant. Here every searchable word of a record is a row,
-- and a prefix is a range of plain text comparisons (leakproof), which the btree index answers.
create table search_terms (
  tenant_id uuid not null,
  record_type text not null check (record_type in ('lead', 'contact')),
  record_id bigint not null,
  owner_id bigint not null,
  term text collate "C" not null
);

create index search_terms_prefix on search_terms (tenant_id, term, record_type, record_id);
create index search_terms_record on search_terms (record_type, record_id);

alter table search_terms enable row level security;
alter table search_terms force row level security;
create policy search_terms_tenant_isolation on search_terms
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- The words of a record: the words of its names and e-mail address (split at anything that is not
-- a letter or digit), the whole e-mail address, and the digits of its phone numbers; lower case.
create function search_words(texts text[], email text, phones text[])
  returns text[] language sql immutable parallel safe
  as $$
    select coalesce(array_agg(distinct w), '{}') from (
      select unnest(regexp_split_to_array(lower(array_to_string(texts || email, ' ')), '[^[:alnum:]]+')) as w
      union all select lower(btrim(email))
      union all select nullif(regexp_replace(p, '[^0-9]', '', 'g'), '') from unnest(phones) as p
    ) words
    where w is not null and w <> '' and length(w) <= 200
  $$;

-- Triggers keep the terms in step with every write, whichever code path makes it.
create function leads_search_terms_sync() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from search_terms where record_type = 'lead' and record_id = old.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.converted_at is null then
    insert into search_terms (tenant_id, record_type, record_id, owner_id, term)
    select new.tenant_id, 'lead', new.id, new.owner_id, w
    from unnest(search_words(array[new.first_name, new.last_name, new.organization_name], new.email, array[new.phone, new.mobile])) as w;
  end if;
  return null;
end $$;

create function contacts_search_terms_sync() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from search_terms where record_type = 'contact' and record_id = old.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into search_terms (tenant_id, record_type, record_id, owner_id, term)
    select new.tenant_id, 'contact', new.id, new.owner_id, w
    from unnest(search_words(array[new.name, new.first_name, new.last_name], new.email, array[new.phone, new.mobile])) as w;
  end if;
  return null;
end $$;

create trigger leads_search_terms after insert or delete or update of first_name, last_name, organization_name, email, phone, mobile, owner_id, converted_at
  on leads for each row execute function leads_search_terms_sync();
create trigger contacts_search_terms after insert or delete or update of name, first_name, last_name, email, phone, mobile, owner_id
  on contacts for each row execute function contacts_search_terms_sync();

-- Terms of the records that exist already, across tenants: row-level security is lifted for the
-- backfill inside this transaction (FORCE applies to the owner too).
alter table search_terms no force row level security;
alter table search_terms disable row level security;
alter table leads no force row level security;
alter table leads disable row level security;
alter table contacts no force row level security;
alter table contacts disable row level security;
insert into search_terms (tenant_id, record_type, record_id, owner_id, term)
select l.tenant_id, 'lead', l.id, l.owner_id, w
from leads l, unnest(search_words(array[l.first_name, l.last_name, l.organization_name], l.email, array[l.phone, l.mobile])) as w
where l.converted_at is null;
insert into search_terms (tenant_id, record_type, record_id, owner_id, term)
select c.tenant_id, 'contact', c.id, c.owner_id, w
from contacts c, unnest(search_words(array[c.name, c.first_name, c.last_name], c.email, array[c.phone, c.mobile])) as w;
alter table leads enable row level security;
alter table leads force row level security;
alter table contacts enable row level security;
alter table contacts force row level security;
alter table search_terms enable row level security;
alter table search_terms force row level security;

-- The trigram indexes never serve a query under row-level security (see above) and cost every
-- write; the fuzzy fallback reads the tenant's rows either way.
drop index leads_search;
drop index contacts_search;
