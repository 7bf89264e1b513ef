-- Contacts: people and organisations, isolated per tenant by row-level security.
create table contacts (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  creator_id bigint not null,
  owner_id bigint not null,
  is_organization boolean not null,
  -- an organisation's name, or a person's full name (kept for sorting and search)
  name text not null,
  first_name text,
  last_name text,
  contact_id bigint references contacts (id) on delete set null,
  parent_organization_id bigint references contacts (id) on delete set null,
  customer_status text not null default 'none' check (customer_status in ('none', 'current', 'past')),
  prospect_status text not null default 'none' check (prospect_status in ('none', 'current', 'lost')),
  title text,
  description text,
  industry text,
  website text,
  email text,
  phone text,
  mobile text,
  fax text,
  twitter text,
  facebook text,
  linkedin text,
  skype text,
  address_line1 text,
  address_city text,
  address_postal_code text,
  address_state text,
  address_country text,
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}'::jsonb,
  version bigint not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint contacts_person_named check (is_organization or last_name is not null),
  constraint contacts_org_has_no_org check (not is_organization or contact_id is null),
  constraint contacts_person_has_no_parent check (is_organization or parent_organization_id is null)
);

create index contacts_tenant_owner on contacts (tenant_id, owner_id, id);
create index contacts_tenant_name on contacts (tenant_id, lower(name), id);
create index contacts_tenant_last_name on contacts (tenant_id, last_name, id);
create index contacts_tenant_updated on contacts (tenant_id, updated_at, id);
create index contacts_tenant_email on contacts (tenant_id, lower(email));
create index contacts_organization on contacts (contact_id) where contact_id is not null;
create index contacts_parent on contacts (parent_organization_id) where parent_organization_id is not null;

alter table contacts enable row level security;
alter table contacts force row level security;
create policy contacts_tenant_isolation on contacts
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
