// Baseline: a bare Fastify + pg endpoint doing the same SQL as the CRM path, without auth, gRPC or Nest.
import Fastify from 'fastify';
import pg from 'pg';

const [url, port] = [process.argv[2], Number(process.argv[3])];
const pool = new pg.Pool({ connectionString: url, max: 10 });
const TENANT = '11111111-1111-4111-8111-111111111111';
const app = Fastify();

app.post('/leads', async (req) => {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query("select set_config('app.tenant_id', $1, true)", [TENANT]);
    const { rows } = await client.query(
      `insert into leads (tenant_id, creator_id, owner_id, last_name, status, tags, custom_fields)
       values ($1, 1003, 1003, $2, 'new', '{}', '{}') returning *`,
      [TENANT, req.body.data.last_name],
    );
    await client.query(
      `insert into outbox (event_id, tenant_id, topic, partition_key, event_type, headers, payload, published_at)
       values (gen_random_uuid(), $1, 'bench', $2, 'bench', '{}', '\\x00', now())`,
      [TENANT, rows[0].id],
    );
    await client.query('commit');
    return { data: rows[0] };
  } catch (e) {
    await client.query('rollback');
    throw e;
  } finally {
    client.release();
  }
});

app.get('/leads', async () => {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query("select set_config('app.tenant_id', $1, true)", [TENANT]);
    const { rows } = await client.query('select * from leads where owner_id = any($1) order by updated_at, id limit 25 offset 0', [['1003']]);
    await client.query('commit');
    return { items: rows.map((data) => ({ data })) };
  } finally {
    client.release();
  }
});

await app.listen({ port, host: '127.0.0.1' });
console.log(`baseline listening on ${port}`);
