-- supersedes: 9da299bd8f83235ffca54336de39ad5046fa98bfdea7a578cffc56f5b08edb4f
-- Deal collaborators (the table comes from @crm/records' migrations): only deals here, and a
-- deal's collaborations go with it.
alter table collaborations add constraint collaborations_resource_type_check check (resource_type = 'deal');
alter table collaborations add constraint collaborations_resource_id_fkey foreign key (resource_id) references deals (id) on delete cascade;
