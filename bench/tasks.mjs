// Tasks at scale: seeds TASKS tasks of five owners in one tenant (due dates over a year, a third
// completed, a tenth on leads), then compares task lists through the gateway with the same SQL.
// Usage: node bench/tasks.mjs <gateway url> <owner db url> <app db url> <keycloak url>   (see tasks.sh)
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { compare, TENANT, token } from './lib.mjs';

const [gateway, ownerUrl, appUrl, keycloak] = process.argv.slice(2);
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const log = (m) => console.error(`[tasks] ${m}`);

async function seed(owner) {
  await owner.query(`select set_config('app.tenant_id', $1, false)`, [TENANT]);
  const { rows } = await owner.query('select count(*)::int as n from tasks');
  if (rows[0].n >= TASKS) return log(`${rows[0].n} tasks already seeded`);
  log(`seeding ${TASKS} tasks (INSERT … SELECT)`);
  const t0 = performance.now();
  await owner.query('truncate tasks, reminders');
  // Task g belongs to owner g % 5, is due within a year from 180 days ago, completed when g % 3 = 0.
  await owner.query(
    `insert into tasks (tenant_id, creator_id, owner_id, content, due_date, completed, completed_at, resource_type, resource_id)
     select $1::uuid, 1001, (array[1001,1002,1003,1004,1005])[1 + g % 5], 'Task ' || g || ' follow up',
            now() - interval '180 days' + ((g::bigint * 104729) % (365 * 86400) || ' seconds')::interval,
            g % 3 = 0, case when g % 3 = 0 then now() end,
            case when g % 10 = 0 then 'lead' end, case when g % 10 = 0 then g end
     from generate_series(1, $2::int) g`,
    [TENANT, TASKS],
  );
  await owner.query('analyze tasks');
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

const owner = new pg.Client({ connectionString: ownerUrl });
const app = new pg.Client({ connectionString: appUrl });
await owner.connect();
await app.connect();
await seed(owner);
const manager = await token(keycloak, 'acme-manager');
const from = new Date(Date.now() - 3 * 86_400_000).toISOString();
const to = new Date(Date.now() + 4 * 86_400_000).toISOString();
const queries = [
  {
    name: 'one owner\'s tasks due this week, by due date',
    path: `/v2/tasks?owner_id=1003&due_date[from]=${from}&due_date[to]=${to}&sort_by=due_date&per_page=25`,
    sql: `select * from tasks where owner_id in (1003) and due_date >= $1 and due_date < $2 order by due_date asc nulls last, id asc limit 25 offset 0`,
    params: [from, to],
  },
  {
    name: 'one owner\'s open tasks due this week, by due date',
    path: `/v2/tasks?owner_id=1003&completed=false&due_date[from]=${from}&due_date[to]=${to}&sort_by=due_date&per_page=25`,
    sql: `select * from tasks where owner_id in (1003) and completed = false and due_date >= $1 and due_date < $2 order by due_date asc nulls last, id asc limit 25 offset 0`,
    params: [from, to],
  },
  {
    name: 'the overdue tasks the manager sees (3 owners)',
    path: '/v2/tasks?overdue=true&sort_by=due_date&per_page=25',
    sql: `select * from tasks where owner_id in (1002, 1003, 1004) and completed = false and due_date < now() order by due_date asc nulls last, id asc limit 25 offset 0`,
    params: [],
  },
];
console.log(`${'query'.padEnd(52)}${'API p50'.padStart(9)}${'API p99'.padStart(9)}${'SQL p50'.padStart(9)}${'SQL p99'.padStart(9)}${'p99 ratio'.padStart(11)}`);
for (const q of queries) {
  const r = await compare(gateway, manager, q.path, app, q.sql, q.params, SAMPLES);
  console.log(`${q.name.padEnd(52)}${r.api[0].toFixed(1).padStart(9)}${r.api[1].toFixed(1).padStart(9)}${r.sql[0].toFixed(1).padStart(9)}${r.sql[1].toFixed(1).padStart(9)}${(r.api[1] / r.sql[1]).toFixed(2).padStart(10)}x`);
}
await owner.end();
await app.end();
