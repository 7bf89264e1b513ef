-- Deals are listed and upserted by exact name (name=…).
create index deals_tenant_name on deals (tenant_id, name);
