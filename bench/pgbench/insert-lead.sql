-- What POST /v2/leads does in the database: one tenant transaction, the lead and its outbox event.
\set owner 1003
BEGIN;
SELECT set_config('app.tenant_id', '11111111-1111-4111-8111-111111111111', true);
INSERT INTO leads (tenant_id, creator_id, owner_id, last_name, status, tags, custom_fields)
  VALUES ('11111111-1111-4111-8111-111111111111', :owner, :owner, 'Bench', 'new', '{}', '{}');
INSERT INTO outbox (event_id, tenant_id, topic, partition_key, event_type, headers, payload, published_at)
  VALUES (gen_random_uuid(), '11111111-1111-4111-8111-111111111111', 'bench', currval('leads_id_seq')::text,
          'bench', '{}', '\x00', now());
COMMIT;
