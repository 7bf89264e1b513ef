// Deals at scale: seeds DEALS deals across 5 pipelines in one tenant, then measures the per-stage
// summary and the dashboard's deal summary through the gateway next to hand-written SQL (same role,
// row-level security on), and PUT stage moves per second.
// Usage: node bench/deals.mjs <gateway url> <owner db url> <app db url> <keycloak url>   (see deals.sh)
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { api as gatewayCall, compare, TENANT, token as tokenFor } from './lib.mjs';

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
await app.end();
await owner.end();

console.log(`\ndeals: ${DEALS} over ${PIPELINES} pipelines (pipeline 1 holds ${DEALS / PIPELINES}), caller acme-manager (sees 3/5 of them), ${SAMPLES} sequential samples each\n`);
console.log(`${'query'.padEnd(52)}${'API p50'.padStart(9)}${'API p99'.padStart(9)}${'SQL p50'.padStart(9)}${'SQL p99'.padStart(9)}`);
for (const r of results) console.log(`${r.name.padEnd(52)}${r.api.map((x) => x.toFixed(1).padStart(9)).join('')}${r.sql.map((x) => x.toFixed(1).padStart(9)).join('')}`);
console.log(`\nPUT /v2/deals/{id} stage moves (acme-admin, ${CONNECTIONS} connections, ${SECONDS} s): ${moves.rps.toFixed(0)} req/s, p50 ${moves.p50} ms, p99 ${moves.p99} ms, ${moves.non2xx + moves.errors} errors`);
