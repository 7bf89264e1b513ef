-- Contacts associated with a deal (beyond its primary contact), the product catalogue, and the one
-- order per deal with its line items.

create table deal_contacts (
  tenant_id uuid not null,
  deal_id bigint not null references deals (id) on delete cascade,
  -- A contact of leads-contacts, checked as the caller when associated (no foreign key).
  contact_id bigint not null,
  role text not null check (length(btrim(role)) between 1 and 64),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (deal_id, contact_id)
);

create index deal_contacts_contact on deal_contacts (tenant_id, contact_id);

create table products (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 255),
  sku text check (length(sku) <= 255),
  description text check (length(description) <= 65535),
  active boolean not null default true,
  -- Limits of a line item's variation, in percent (null: no limit).
  max_discount numeric(7, 4) check (max_discount between 0 and 100),
  max_markup numeric(8, 4) check (max_markup >= 0),
  cost numeric(17, 2) check (cost >= 0),
  cost_currency char(3),
  -- [{"amount": "1599.99", "currency": "USD"}, ...], one price per currency.
  prices jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index products_tenant on products (tenant_id, id);
create unique index products_unique_sku on products (tenant_id, lower(sku)) where sku is not null;

create table orders (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  deal_id bigint not null references deals (id) on delete cascade,
  -- Discount on the whole order, in percent.
  discount numeric(7, 4) not null default 0 check (discount between 0 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One order per deal.
create unique index orders_one_per_deal on orders (deal_id);
create index orders_tenant on orders (tenant_id, id);

create table line_items (
  id bigint generated always as identity primary key,
  tenant_id uuid not null,
  order_id bigint not null references orders (id) on delete cascade,
  -- A product deleted later leaves its line items as they were sold.
  product_id bigint references products (id) on delete set null,
  -- Copied from the product when the item is added.
  name text not null,
  sku text,
  description text,
  currency char(3) not null,
  -- Unit price of the product in the item's currency, and the unit value after the variation.
  price numeric(17, 2) not null,
  variation numeric(8, 4) not null default 0,
  value numeric(17, 2) not null,
  quantity integer not null default 1 check (quantity between 1 and 1000000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index line_items_order on line_items (tenant_id, order_id, id);

do $$
declare t text;
begin
  foreach t in array array['deal_contacts', 'products', 'orders', 'line_items'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format($p$create policy %I on %I
      using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t || '_tenant_isolation', t);
  end loop;
end $$;
