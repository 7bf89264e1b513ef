// CSV import throughput through the gateway next to COPY of the same file (see import.sh).
// Usage: node bench/import.mjs <gateway url> <owner db url> <app db url> <keycloak url>
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { api as gatewayCall, TENANT, token as tokenFor } from './lib.mjs';

const [gateway, ownerUrl, appUrl, keycloak] = process.argv.slice(2);
const SIZES = (process.env.BENCH_IMPORT_SIZES ?? '10000 100000').split(/\s+/).filter(Boolean).map(Number);
const OUT = process.env.BENCH_OUT ?? '/tmp';
const log = (m) => console.error(`[import] ${m}`);
const api = (tok, method, path, body, type) => gatewayCall(gateway, tok, method, path, body, type);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of leads-contacts now (VmRSS), in MB. */
function rssMb() {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${process.env.LEADS_PID}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** The two custom fields the file fills (a number and a text), created once. */
async function ensureFields(admin) {
  for (const [name, type] of [['Score', 'number'], ['Region', 'string']]) {
    const existing = (await api(admin, 'GET', '/v2/lead/custom_fields')).items.find((i) => i.data.name === name);
    if (!existing) await api(admin, 'POST', '/v2/lead/custom_fields', { data: { name, type } });
  }
}

function writeCsv(rows) {
  const file = `${OUT}/bench-import-${rows}.csv`;
  const lines = ['last_name,first_name,email,phone,address.city,Score,Region'];
  for (let i = 0; i < rows; i++) lines.push(`Imported${i},Ann,imported${i}@example.com,+47 ${20000000 + i},Oslo,${i % 1000},Region ${i % 20}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function importOnce(user, owner, rows) {
  // Leads of an earlier run go, with their custom field values; their search terms follow by trigger.
  await owner.query(`delete from custom_field_values where record_id in (select id from leads where last_name like 'Imported%')`);
  await owner.query(`delete from leads where last_name like 'Imported%'`);
  await owner.query('vacuum (analyze) leads, custom_field_values, search_terms, outbox');
  const file = writeCsv(rows);
  const backlog = async () => Number((await owner.query('select count(*)::int as n from outbox where published_at is null')).rows[0].n);
  while ((await backlog()) > 0) await sleep(200);
  let peak = rssMb();
  const t0 = performance.now();
  const job = (await api(user, 'POST', '/v2/imports', { data: { resource_type: 'lead' } })).data;
  await api(user, 'PUT', `/v2/imports/${job.id}/file`, readFileSync(file), 'text/csv');
  let done;
  for (;;) {
    peak = Math.max(peak, rssMb());
    done = (await api(user, 'GET', `/v2/imports/${job.id}`)).data;
    if (done.status === 'succeeded' || done.status === 'failed') break;
    await sleep(200);
  }
  const succeeded = (performance.now() - t0) / 1000;
  while ((await backlog()) > 0) {
    peak = Math.max(peak, rssMb());
    await sleep(100);
  }
  const published = (performance.now() - t0) / 1000;
  // COPY of the same file (psql \copy) into a table with its columns, as the app role.
  const psql = spawnSync('psql', ['-X', '-q', appUrl, '-c', 'create temp table copy_target (last_name text, first_name text, email text, phone text, city text, score numeric, region text)', '-c', '\\timing on', '-c', `\\copy copy_target from '${file}' with (format csv, header true)`], { encoding: 'utf8' });
  const ms = /Time: ([\d.]+) ms/.exec(psql.stdout);
  if (!ms) throw new Error(`psql \\copy failed: ${psql.stderr}`);
  return { rows, status: done.status, created: done.created_count, failed: done.failed_count, succeeded, published, copy: Number(ms[1]) / 1000, peak };
}

const admin = await tokenFor(keycloak, 'acme-admin');
await ensureFields(admin);
const owner = new pg.Client({ connectionString: ownerUrl });
await owner.connect();
await owner.query(`select set_config('app.tenant_id', $1, false)`, [TENANT]);
const existing = (await owner.query(`select count(*)::int as n from leads where last_name not like 'Imported%'`)).rows[0].n;
const results = [];
for (const rows of SIZES) {
  log(`importing ${rows} rows`);
  results.push(await importOnce(await tokenFor(keycloak, 'acme-user1'), owner, rows));
}
await owner.end();

console.log(`\nimports of lead CSV files (7 columns, 2 custom fields) into a tenant holding ${existing} other leads; relay publishing meanwhile\n`);
console.log(`${'rows'.padStart(8)}${'status'.padStart(11)}${'to succeeded'.padStart(14)}${'rows/s'.padStart(8)}${'to last event'.padStart(15)}${'rows/s'.padStart(8)}${'COPY rows/s'.padStart(13)}${'peak RSS MB'.padStart(13)}`);
for (const r of results) {
  console.log(`${String(r.rows).padStart(8)}${r.status.padStart(11)}${`${r.succeeded.toFixed(1)} s`.padStart(14)}${(r.rows / r.succeeded).toFixed(0).padStart(8)}${`${r.published.toFixed(1)} s`.padStart(15)}${(r.rows / r.published).toFixed(0).padStart(8)}${(r.rows / r.copy).toFixed(0).padStart(13)}${r.peak.toFixed(0).padStart(13)}`);
  if (r.created !== r.rows || r.failed !== 0) console.log(`  ${r.created} created, ${r.failed} failed: not every row landed`);
}
if (results.length > 1) {
  const [a, b] = [results[0], results[results.length - 1]];
  console.log(`\ntime per row, ${b.rows} rows vs ${a.rows}: ${((b.published / b.rows) / (a.published / a.rows)).toFixed(2)}x (1.00 is linear)`);
}
