// One round of the reminder bench (see reminders.sh): spread reminders, then a burst, against the
// replicas running; prints lateness and fired/s as JSON lines.
// Usage: node bench/reminders.mjs <owner db url> <replicas> <reminders> <spread seconds> <burst>
import pg from 'pg';
import { TENANT } from './lib.mjs';

const [url, replicas, reminders, spread, burst] = process.argv.slice(2);
const log = (m) => console.error(`[reminders] ${m}`);
const db = new pg.Client({ connectionString: url });
await db.connect();
await db.query(`select set_config('app.tenant_id', $1, false)`, [TENANT]);

/** Seeds n tasks with reminders from `startIn` seconds on, `spreadSeconds` apart in total, as the service writes them. */
async function seed(n, startIn, spreadSeconds) {
  await db.query('truncate tasks, reminders');
  await db.query(
    `with t as (
       insert into tasks (tenant_id, creator_id, owner_id, content, due_date, remind_at)
       select $1::uuid, 1003, 1003, 'Bench reminder ' || g, now() + interval '1 day',
              now() + make_interval(secs => $3::float8 + $4::float8 * g / $2::int)
       from generate_series(1, $2::int) g
       returning id, tenant_id, remind_at)
     insert into reminders (tenant_id, subject_type, subject_id, remind_at) select tenant_id, 'task', id, remind_at from t`,
    [TENANT, n, startIn, spreadSeconds],
  );
}

async function waitAllFired(n, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query('select count(*)::int as n from reminders where fired_at is not null');
    if (rows[0].n >= n) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0].n} of ${n} fired`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function stats() {
  const { rows } = await db.query(`
    select count(*)::int as fired,
           percentile_cont(0.5) within group (order by extract(epoch from clock_fired - remind_at)) * 1000 as p50,
           percentile_cont(0.99) within group (order by extract(epoch from clock_fired - remind_at)) * 1000 as p99,
           max(extract(epoch from clock_fired - remind_at)) * 1000 as max,
           extract(epoch from max(clock_fired) - min(clock_fired)) as seconds
    from (select remind_at, fired_at as clock_fired from reminders) r`);
  return rows[0];
}

const n = Number(reminders);
log(`${replicas} replica(s): ${n} reminders over ${spread} s`);
await seed(n, 10, Number(spread));
await waitAllFired(n, (Number(spread) + 120) * 1000);
const spreadStats = await stats();
console.log(JSON.stringify({ replicas: Number(replicas), phase: 'spread', reminders: n, seconds: Number(spread), lateness_ms: { p50: spreadStats.p50, p99: spreadStats.p99, max: spreadStats.max } }));

const b = Number(burst);
log(`${replicas} replica(s): ${b} reminders due at once`);
await seed(b, 5, 0);
await waitAllFired(b, 600_000);
const burstStats = await stats();
console.log(JSON.stringify({ replicas: Number(replicas), phase: 'burst', reminders: b, fired_per_second: Math.round(b / Math.max(burstStats.seconds, 0.001)), lateness_ms: { p50: burstStats.p50, p99: burstStats.p99, max: burstStats.max } }));
await db.end();
