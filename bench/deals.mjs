// Deals at scale: seeds DEALS deals across 5 pipelines in one tenant, then measures the per-stage
// summary and the dashboard's deal summary through the gateway next to hand-written SQL (same role,
// row-level security on), and PUT stage moves per second.
// Usage: node bench/deals.mjs <gateway url> <owner db url> <app db url> <keycloak url>   (see deals.sh)
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { api as gatewayCall, compare, pct, TENANT, token as tokenFor } from './lib.mjs';

const [gateway, ownerUrl, appUrl, keycloak] = process.argv.slice(2);
const DEALS = Number(process.env.BENCH_DEALS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PIPELINES = 5;
const log = (m) => console.error(`[deals] ${m}`);
const token = (user) => tokenFor(keycloak, user);
const api = (tok, method, path, body) => gatewayCall(gateway, tok, method, path, body);

/** Five pipelines of nine stages each (the default one and four more), through the API. */
async function pipelines(admin) {
  let list = (await api(admin, 'GET', '/v2/pipelines?per_page=100')).items.map((i) => i.data);
  for (let n = list.length; n < PIPELINES; n++) await api(admin, 'POST', '/v2/pipelines', { data: { name: `Bench pipeline ${n + 1}` } });
  list = (await api(admin, 'GET', '/v2/pipelines?per_page=100')).items.map((i) => i.data).slice(0, PIPELINES);
  const result = [];
  for (const p of list) result.push({ id: p.id, stages: (await api(admin, 'GET', `/v2/stages?pipeline_id=${p.id}&per_page=100`)).items.map((i) => i.data) });
  return result;
}

async function seed(owner, pipes) {
  const { rows } = await owner.query('select count(*)::int as n from deals');
  if (rows[0].n >= DEALS) return log(`${rows[0].n} deals already seeded`);
  const stages = pipes.flatMap((p) => p.stages);
  log(`seeding ${DEALS} deals over ${PIPELINES} pipelines with their stage history (INSERT … SELECT)`);
  const t0 = performance.now();
  await owner.query('truncate deals, deal_stage_changes restart identity cascade');
  // Deal g is in pipeline g % 5, in one of its 9 stages; the last stage change lies within 120 days.
  await owner.query(
    `insert into deals (tenant_id, creator_id, owner_id, name, value, currency, hot, pipeline_id, stage_id, stage_category, contact_id, last_stage_change_at, last_stage_change_by_id, created_at, updated_at)
     select $1::uuid, 1001, (array[1001,1002,1003,1004,1005])[1 + g % 5], 'Deal ' || g, ((g::bigint * 7919) % 100000000) / 100.0,
            case when g % 10 = 0 then 'EUR' else 'USD' end, g % 7 = 0, s.pipeline_id, s.id, s.category, g,
            now() - ((g::bigint * 104729) % (120 * 86400) || ' seconds')::interval, 1001,
            now() - ((g::bigint * 104729) % (120 * 86400) + 86400 * 5 || ' seconds')::interval, now()
     from generate_series(1, $2::int) g
     join lateral (select * from unnest($3::bigint[], $4::bigint[], $5::text[]) with ordinality as t(id, pipeline_id, category, n)
                   where t.n = 1 + ((g % 5) * 9) + ((g / 5) % 9)) s on true`,
    [TENANT, DEALS, stages.map((s) => s.id), stages.map((s) => s.pipeline_id), stages.map((s) => s.category)],
  );
  log(`deals in ${((performance.now() - t0) / 1000).toFixed(0)} s; stage history`);
  const first = new Map(pipes.map((p) => [String(p.id), p.stages[0].id]));
  await owner.query(
    `insert into deal_stage_changes (tenant_id, deal_id, pipeline_id, from_stage_id, to_stage_id, to_category, changed_by_id, changed_at, left_at, next_stage_id, advanced, owner_id)
     select d.tenant_id, d.id, d.pipeline_id, null, f.first_stage, 'incoming', 1001, d.created_at,
            case when moved then d.last_stage_change_at end, case when moved then d.stage_id end,
            case when moved then d.stage_category in ('won', 'incoming', 'in_progress') end, d.owner_id
     from deals d join unnest($1::bigint[], $2::bigint[]) as f(pipeline_id, first_stage) on f.pipeline_id = d.pipeline_id,
          lateral (select d.stage_id <> f.first_stage as moved) m`,
    [[...first.keys()], [...first.values()]],
  );
  await owner.query(
    `insert into deal_stage_changes (tenant_id, deal_id, pipeline_id, from_stage_id, to_stage_id, to_category, changed_by_id, changed_at, owner_id)
     select d.tenant_id, d.id, d.pipeline_id, f.first_stage, d.stage_id, d.stage_category, 1001, d.last_stage_change_at, d.owner_id
     from deals d join unnest($1::bigint[], $2::bigint[]) as f(pipeline_id, first_stage) on f.pipeline_id = d.pipeline_id
     where d.stage_id <> f.first_stage`,
    [[...first.keys()], [...first.values()]],
  );
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function latencies(manager, app, pipeline) {
  const visible = [1002, 1003, 1004];
  const summarySql = `select stage_id, currency, count(*), sum(value) from deals where pipeline_id = $1 and owner_id = any($2) group by stage_id, currency`;
  const outcomesSql = `select stage_category, currency, count(*), sum(value) from deals
    where pipeline_id = $1 and stage_category in ('won', 'lost', 'unqualified') and last_stage_change_at >= now() - interval '30 days' and owner_id = any($2)
    group by stage_category, currency`;
  // The stage flow of the period: entries per stage, forward moves, mean time in stage.
  const flowSql = `select c.to_stage_id, count(*), count(*) filter (where c.advanced), avg(extract(epoch from c.left_at - c.changed_at)) filter (where c.left_at is not null)
    from deal_stage_changes c
    where c.pipeline_id = $1 and c.changed_at >= now() - interval '30 days' and c.owner_id = any($2)
    group by c.to_stage_id`;
  const summary = `/v2/analytics/deal_summary?pipeline_id=${pipeline.id}&days=30`;
  const cases = [
    ['per-stage summary (stage_summary)', `/v2/deals/stage_summary?pipeline_id=${pipeline.id}`, summarySql, [pipeline.id, visible]],
    ['deal summary vs its 30-day outcome counts alone', summary, outcomesSql, [pipeline.id, visible]],
    ['deal summary vs all three of its queries', summary, [[summarySql, [pipeline.id, visible]], [outcomesSql, [pipeline.id, visible]], [flowSql, [pipeline.id, visible]]]],
  ];
  const results = [];
  for (const [name, path, text, params] of cases) {
    const r = await compare(gateway, manager, path, app, text, params, SAMPLES);
    results.push({ name, ...r });
    log(`${name}: API p50 ${r.api[0].toFixed(1)} ms, SQL p50 ${r.sql[0].toFixed(1)} ms`);
  }
  return results;
}

/** PUT /v2/deals/{id} moving random deals of the pipeline between its active stages. */
async function stageMoves(admin, owner, pipeline) {
  const active = pipeline.stages.filter((s) => s.active).map((s) => s.id);
  const { rows } = await owner.query(`select id from deals where pipeline_id = $1 and stage_category in ('incoming', 'in_progress') order by id limit 20000`, [pipeline.id]);
  const ids = rows.map((r) => r.id);
  let n = 0;
  const result = await autocannon({
    url: gateway,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    requests: [{
      method: 'PUT',
      setupRequest: (req) => {
        n++;
        return { ...req, path: `/v2/deals/${ids[(n * 7919) % ids.length]}`, body: JSON.stringify({ data: { stage_id: active[n % active.length] } }) };
      },
    }],
  });
  return { rps: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/**
 * The same stage moves written by hand: in one tenant transaction, lock the deal, read the target
 * stage, update the deal, close its open history row, add the new one and two outbox events (as the
 * service writes), as the runtime role with row-level security on, at the same concurrency.
 */
async function stageMovesSql(appUrl, owner, pipeline) {
  const active = pipeline.stages.filter((s) => s.active).map((s) => s.id);
  const { rows } = await owner.query(`select id from deals where pipeline_id = $1 and stage_category in ('incoming', 'in_progress') order by id limit 20000`, [pipeline.id]);
  const ids = rows.map((r) => r.id);
  const pool = new pg.Pool({ connectionString: appUrl, max: CONNECTIONS });
  const payload = Buffer.alloc(400, 7);
  const latencies = [];
  let n = 0;
  let errors = 0;
  let firstError;
  const end = performance.now() + SECONDS * 1000;
  const move = async (client) => {
    n++;
    const id = ids[(n * 7919) % ids.length];
    const stageId = active[n % active.length];
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', $1, true)`, [TENANT]);
    const deal = (await client.query('select * from deals where id = $1 for update', [id])).rows[0];
    const stage = (await client.query('select id, pipeline_id, category, position from stages where id = $1', [stageId])).rows[0];
    await client.query(
      `update deals set stage_id = $2, stage_category = $3, last_stage_change_at = now(), last_stage_change_by_id = 1001, updated_at = now() where id = $1 returning *`,
      [id, stage.id, stage.category],
    );
    await client.query(
      `update deal_stage_changes c set left_at = now(), next_stage_id = $2,
         advanced = $3 = 'won' or ($3 in ('incoming', 'in_progress') and exists (select 1 from stages cur where cur.id = c.to_stage_id and cur.pipeline_id = $4 and cur.position < $5))
       where c.deal_id = $1 and c.left_at is null`,
      [id, stage.id, stage.category, stage.pipeline_id, stage.position],
    );
    await client.query(
      `insert into deal_stage_changes (tenant_id, deal_id, pipeline_id, from_stage_id, to_stage_id, to_category, changed_by_id, owner_id) values ($1, $2, $3, $4, $5, $6, 1001, $7)`,
      [TENANT, id, stage.pipeline_id, deal.stage_id, stage.id, stage.category, deal.owner_id],
    );
    await client.query(
      // Marked published, so the running relay never sends these stand-ins to Kafka.
      `insert into outbox (event_id, tenant_id, topic, partition_key, event_type, headers, payload, published_at) values
         (gen_random_uuid(), $1, 'crm.deals.deal.v1', $2, 'updated', '{}', $3, now()), (gen_random_uuid(), $1, 'crm.deals.deal.v1', $2, 'stage-changed', '{}', $3, now())`,
      [TENANT, String(id), payload],
    );
    await client.query('commit');
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    const client = await pool.connect();
    try {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await move(client);
          latencies.push(performance.now() - t);
        } catch (e) {
          errors++;
          firstError ??= e;
          await client.query('rollback');
        }
      }
    } finally {
      client.release();
    }
  }));
  await pool.end();
  if (latencies.length === 0) throw new Error(`no hand-written stage move succeeded: ${firstError?.message}`);
  return { rps: latencies.length / SECONDS, p50: pct(latencies, 50), p99: pct(latencies, 99), errors };
}

const admin = await token('acme-admin');
const owner = new pg.Client({ connectionString: ownerUrl });
await owner.connect();
await owner.query(`select set_config('app.tenant_id', $1, false)`, [TENANT]);
const pipes = await pipelines(admin);
await seed(owner, pipes);
// As autovacuum would in production: fresh statistics, and a visibility map for index-only scans.
await owner.query('vacuum (analyze) deals, deal_stage_changes');
const app = new pg.Client({ connectionString: appUrl });
await app.connect();
const results = await latencies(await token('acme-manager'), app, pipes[0]);
const moves = await stageMoves(admin, owner, pipes[0]);
const movesSql = await stageMovesSql(appUrl, owner, pipes[0]);
await app.end();
await owner.end();

console.log(`\ndeals: ${DEALS} over ${PIPELINES} pipelines (pipeline 1 holds ${DEALS / PIPELINES}), caller acme-manager (sees 3/5 of them), ${SAMPLES} sequential samples each\n`);
console.log(`${'query'.padEnd(52)}${'API p50'.padStart(9)}${'API p99'.padStart(9)}${'SQL p50'.padStart(9)}${'SQL p99'.padStart(9)}`);
for (const r of results) console.log(`${r.name.padEnd(52)}${r.api.map((x) => x.toFixed(1).padStart(9)).join('')}${r.sql.map((x) => x.toFixed(1).padStart(9)).join('')}`);
console.log(`\nratios of the API to SQL, p50: ${results.map((r) => `${r.name} ${(r.api[0] / r.sql[0]).toFixed(1)}x`).join('; ')}`);
console.log(`\nstage moves (${CONNECTIONS} connections, ${SECONDS} s each)${' '.repeat(14)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
console.log(`${'PUT /v2/deals/{id} (acme-admin)'.padEnd(52)}${moves.rps.toFixed(0).padStart(9)}${String(moves.p50).padStart(9)}${String(moves.p99).padStart(9)}   ${moves.non2xx + moves.errors} errors`);
console.log(`${'the same transaction by hand (pg, runtime role)'.padEnd(52)}${movesSql.rps.toFixed(0).padStart(9)}${movesSql.p50.toFixed(1).padStart(9)}${movesSql.p99.toFixed(1).padStart(9)}   ${movesSql.errors} errors`);
console.log(`API throughput ${(100 * moves.rps / movesSql.rps).toFixed(0)} % of the hand SQL; p99 ${(moves.p99 / movesSql.p99).toFixed(1)}x`);
