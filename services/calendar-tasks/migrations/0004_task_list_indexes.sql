-- A task list by owner and due range (the calendar, "my tasks this week") reads one index range
-- whether or not it asks for completion; open tasks, the list people live in, have their own.
drop index tasks_owner_due;
create index tasks_owner_due on tasks (tenant_id, owner_id, due_date, id);
create index tasks_owner_open_due on tasks (tenant_id, owner_id, due_date, id) where not completed;
-- Open tasks by due date across owners (overdue and upcoming lists of a manager or an admin): the
-- first page comes from the front of the index instead of a sort of every open task of the owners.
create index tasks_open_due on tasks (tenant_id, due_date, id) where not completed;
