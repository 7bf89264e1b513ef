-- Lead and contact tags (the table and register_record_tags() come from @crm/records' migrations).
alter table tags add constraint tags_resource_type_check check (resource_type in ('lead', 'contact'));

-- Every statement that writes records registers the tag names they carry. Insert and update need
-- a trigger each: one trigger with transition tables serves one event.
create trigger leads_tags_insert after insert on leads
  referencing new table as new_records for each statement execute function register_record_tags('lead');
create trigger leads_tags_update after update on leads
  referencing new table as new_records for each statement execute function register_record_tags('lead');
create trigger contacts_tags_insert after insert on contacts
  referencing new table as new_records for each statement execute function register_record_tags('contact');
create trigger contacts_tags_update after update on contacts
  referencing new table as new_records for each statement execute function register_record_tags('contact');

-- The tags records carry already, across tenants: row-level security is lifted for the backfill
-- inside this transaction (FORCE applies to the owner too).
alter table tags no force row level security;
alter table tags disable row level security;
alter table leads no force row level security;
alter table leads disable row level security;
alter table contacts no force row level security;
alter table contacts disable row level security;
insert into tags (tenant_id, resource_type, name, creator_id)
select distinct on (l.tenant_id, t.name) l.tenant_id, 'lead', t.name, l.creator_id
from leads l, unnest(l.tags) as t(name) order by l.tenant_id, t.name, l.id
on conflict on constraint tags_name_unique do nothing;
insert into tags (tenant_id, resource_type, name, creator_id)
select distinct on (c.tenant_id, t.name) c.tenant_id, 'contact', t.name, c.creator_id
from contacts c, unnest(c.tags) as t(name) order by c.tenant_id, t.name, c.id
on conflict on constraint tags_name_unique do nothing;
alter table leads enable row level security;
alter table leads force row level security;
alter table contacts enable row level security;
alter table contacts force row level security;
alter table tags enable row level security;
alter table tags force row level security;
