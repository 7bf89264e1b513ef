-- One-way lead conversion: the record of what a lead became.
create table lead_conversions (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  lead_id bigint not null unique references leads (id) on delete cascade,
  -- the lead's owner at conversion, for visibility of the conversion record
  lead_owner_id bigint not null,
  individual_id bigint references contacts (id) on delete set null,
  organization_id bigint references contacts (id) on delete set null,
  deal_id bigint,
  creator_id bigint not null,
  created_at timestamptz not null default now()
);

create index lead_conversions_tenant on lead_conversions (tenant_id, id desc);

alter table lead_conversions enable row level security;
alter table lead_conversions force row level security;
create policy lead_conversions_tenant_isolation on lead_conversions
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table leads add column converted_at timestamptz;
