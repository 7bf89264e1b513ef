-- New records get their search terms once per statement rather than once per row: an import
-- inserts hundreds of records in one statement, and a set-based insert from the statement's new
-- rows costs half of the same work done row by row in PL/pgSQL. Updates and deletes stay per row
-- (a trigger with a column list cannot see transition tables).
drop trigger leads_search_terms on leads;
drop trigger contacts_search_terms on contacts;

create trigger leads_search_terms after delete or update of first_name, last_name, organization_name, email, phone, mobile, owner_id, converted_at
  on leads for each row execute function leads_search_terms_sync();
create trigger contacts_search_terms after delete or update of name, first_name, last_name, email, phone, mobile, owner_id
  on contacts for each row execute function contacts_search_terms_sync();

create function leads_search_terms_insert() returns trigger language plpgsql as $$
begin
  insert into search_terms (tenant_id, record_type, record_id, owner_id, term)
  select n.tenant_id, 'lead', n.id, n.owner_id, w
  from new_leads n, unnest(search_words(array[n.first_name, n.last_name, n.organization_name], n.email, array[n.phone, n.mobile])) as w
  where n.converted_at is null;
  return null;
end $$;

create function contacts_search_terms_insert() returns trigger language plpgsql as $$
begin
  insert into search_terms (tenant_id, record_type, record_id, owner_id, term)
  select n.tenant_id, 'contact', n.id, n.owner_id, w
  from new_contacts n, unnest(search_words(array[n.name, n.first_name, n.last_name], n.email, array[n.phone, n.mobile])) as w;
  return null;
end $$;

create trigger leads_search_terms_insert after insert on leads
  referencing new table as new_leads for each statement execute function leads_search_terms_insert();
create trigger contacts_search_terms_insert after insert on contacts
  referencing new table as new_contacts for each statement execute function contacts_search_terms_insert();
