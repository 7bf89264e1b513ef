-- What GET /v2/leads?page=1&per_page=25 does in the database for a user.
BEGIN;
SELECT set_config('app.tenant_id', '11111111-1111-4111-8111-111111111111', true);
SELECT * FROM leads WHERE owner_id IN (1003) ORDER BY updated_at, id LIMIT 25 OFFSET 0;
COMMIT;
