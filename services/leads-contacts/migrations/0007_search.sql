-- Search-as-you-type across leads and contacts: one lower-cased text per record with a trigram
-- index, so substring (ILIKE) and fuzzy (word similarity) matches use the index.
create extension if not exists pg_trgm;

create function lead_search_text(first_name text, last_name text, organization_name text, email text, phone text, mobile text)
  returns text language sql immutable parallel safe
  as $$ select lower(concat_ws(' ', first_name, last_name, organization_name, email, phone, mobile)) $$;

create function contact_search_text(name text, email text, phone text, mobile text)
  returns text language sql immutable parallel safe
  as $$ select lower(concat_ws(' ', name, email, phone, mobile)) $$;

create index leads_search on leads using gin (lead_search_text(first_name, last_name, organization_name, email, phone, mobile) gin_trgm_ops);
create index contacts_search on contacts using gin (contact_search_text(name, email, phone, mobile) gin_trgm_ops);
