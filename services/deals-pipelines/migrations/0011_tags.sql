-- Deal tags (the table and register_record_tags() come from @crm/records' migrations). Their ids
-- start at 10^15, above every id leads-contacts gives its tags, so the gateway finds a tag's
-- service by its id, as it does for notes (docs/decisions/0016-notes-across-services.md).
alter table tags add constraint tags_resource_type_check check (resource_type = 'deal');
alter table tags alter column id set start with 1000000000000000 restart;

create trigger deals_tags_insert after insert on deals
  referencing new table as new_records for each statement execute function register_record_tags('deal');
create trigger deals_tags_update after update on deals
  referencing new table as new_records for each statement execute function register_record_tags('deal');

-- The tags deals carry already, across tenants: row-level security is lifted for the backfill
-- inside this transaction (FORCE applies to the owner too).
alter table tags no force row level security;
alter table tags disable row level security;
alter table deals no force row level security;
alter table deals disable row level security;
insert into tags (tenant_id, resource_type, name, creator_id)
select distinct on (d.tenant_id, t.name) d.tenant_id, 'deal', t.name, d.creator_id
from deals d, unnest(d.tags) as t(name) order by d.tenant_id, t.name, d.id
on conflict on constraint tags_name_unique do nothing;
alter table deals enable row level security;
alter table deals force row level security;
alter table tags enable row level security;
alter table tags force row level security;
