-- Sell lets several products share a SKU (its clients' suites create them so); the index stays for
-- the `sku` filter, no longer unique.
drop index products_unique_sku;
create index products_sku on products (tenant_id, lower(sku)) where sku is not null;
