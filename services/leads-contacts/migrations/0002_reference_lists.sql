-- supersedes: a2752734f57ebbaf8d443eb55bf8f5910488d6917901caaef44ec2302d774a86
-- Lead sources and lead unqualified reasons live in the reference lists of @crm/records' migrations.
alter table reference_items add constraint reference_items_list_check check (list in ('lead_source', 'lead_unqualified_reason'));

-- An item in use cannot disappear from under its leads.
alter table leads
  add constraint leads_source_fk foreign key (source_id) references reference_items (id) on delete restrict,
  add constraint leads_unqualified_reason_fk foreign key (unqualified_reason_id) references reference_items (id) on delete restrict;
create index leads_source on leads (source_id) where source_id is not null;
create index leads_unqualified_reason on leads (unqualified_reason_id) where unqualified_reason_id is not null;
