// Leads at scale: seeds LEADS leads with 10 custom fields in one tenant, then measures list and
// search latency through the gateway next to the same query run directly in PostgreSQL (same
// role, row-level security on). Import throughput has its own bench (import.sh).
// Usage: node bench/scale.mjs <gateway url> <owner db url> <app db url> <keycloak url>   (see scale.sh)
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { api as gatewayCall, compare, TENANT, token as tokenFor } from './lib.mjs';

const [gateway, ownerUrl, appUrl, keycloak] = process.argv.slice(2);
const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const log = (m) => console.error(`[scale] ${m}`);

const token = (user) => tokenFor(keycloak, user);
const api = (tok, method, path, body, type) => gatewayCall(gateway, tok, method, path, body, type);

async function seed(admin) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(`select set_config('app.tenant_id', $1, false)`, [TENANT]);
  const { rows } = await owner.query('select count(*)::int as n from leads');
  const fields = {};
  const defs = [
    ['Score', 'number'], ['Revenue', 'number'], ['Employees', 'number'], ['Seats', 'number'],
    ['Region', 'string'], ['Segment', 'string'], ['Referrer', 'string'], ['Campaign', 'string'],
    ['Tier', 'list'], ['Renewal', 'date'],
  ];
  for (const [name, type] of defs) {
    const existing = (await api(admin, 'GET', '/v2/lead/custom_fields')).items.find((i) => i.data.name === name);
    fields[name] = existing?.data ?? (await api(admin, 'POST', '/v2/lead/custom_fields', { data: { name, type, ...(type === 'list' ? { choices: Array.from({ length: 10 }, (_, i) => ({ name: `T${i}` })) } : {}) } })).data;
  }
  // Leads of an earlier run's import go, with their custom field values.
  await owner.query(`delete from custom_field_values where record_id in (select id from leads where last_name like 'Imported%')`);
  await owner.query(`delete from leads where last_name like 'Imported%'`);
  if (rows[0].n >= LEADS) {
    log(`${rows[0].n} leads already seeded`);
    await owner.end();
    return fields;
  }
  const id = (n) => String(fields[n].id);
  const tierIds = fields.Tier.choices.map((c) => c.id);
  log(`seeding ${LEADS} leads with 10 custom fields (one INSERT … SELECT per table)`);
  const t0 = performance.now();
  await owner.query(`truncate leads, custom_field_values, search_terms restart identity cascade`);
  // Owners: the five acme users, so a manager sees 3/5 and a user 1/5 of the leads.
  await owner.query(
    `insert into leads (tenant_id, creator_id, owner_id, first_name, last_name, organization_name, email, phone, status, address_city, custom_fields, created_at, updated_at)
     select $1::uuid, 1001, (array[1001,1002,1003,1004,1005])[1 + g % 5], 'First' || g, 'Last' || g, 'Org ' || (g % 50000), 'lead' || g || '@example.com', '+47 ' || (10000000 + g),
            (array['new','working','unqualified'])[1 + g % 3], (array['Oslo','Bergen','Paris','Berlin','Madrid'])[1 + g % 5],
            jsonb_build_object($2::text, (g % 1000)::text, $3::text, (g % 100000)::text, $4::text, (g % 5000)::text, $5::text, (g % 200)::text,
                               $6::text, 'Region ' || (g % 20), $7::text, 'Segment ' || (g % 8), $8::text, 'Ref ' || (g % 3000), $9::text, 'Campaign ' || (g % 150),
                               $10::text, ($12::int[])[1 + g % 10], $11::text, to_char(date '2026-01-01' + (g % 730), 'YYYY-MM-DD')),
            now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval
     from generate_series(1, $13::int) g`,
    [TENANT, id('Score'), id('Revenue'), id('Employees'), id('Seats'), id('Region'), id('Segment'), id('Referrer'), id('Campaign'), id('Tier'), id('Renewal'), tierIds, LEADS],
  );
  log(`leads in ${((performance.now() - t0) / 1000).toFixed(0)} s; value index rows`);
  const numbers = ['Score', 'Revenue', 'Employees', 'Seats', 'Tier'].map(id);
  const texts = ['Region', 'Segment', 'Referrer', 'Campaign', 'Renewal'].map(id);
  await owner.query(
    `insert into custom_field_values (tenant_id, field_id, record_id, value_text, value_number, text_key, number_key)
     select l.tenant_id, f.id, l.id, null, (l.custom_fields ->> f.id::text)::numeric, null, (l.custom_fields ->> f.id::text)::float8
     from leads l cross join unnest($1::bigint[]) as f(id)`,
    [numbers],
  );
  await owner.query(
    `insert into custom_field_values (tenant_id, field_id, record_id, value_text, value_number, text_key, number_key)
     select l.tenant_id, f.id, l.id, l.custom_fields ->> f.id::text, null, lower(l.custom_fields ->> f.id::text), null
     from leads l cross join unnest($1::bigint[]) as f(id)`,
    [texts],
  );
  await owner.query('analyze leads; analyze custom_field_values');
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  await owner.end();
  return fields;
}

async function latency(manager, fields) {
  const app = new pg.Client({ connectionString: appUrl });
  await app.connect();
  const visible = [1002, 1003, 1004];
  const score = fields.Score.id;
  const cases = [
    ['filter by a default field: status=working', '/v2/leads?status=working&per_page=25',
      `select * from leads where converted_at is null and owner_id = any($1) and status = 'working' order by updated_at, id limit 25`, [visible]],
    ['filter by a custom field: Score=500', '/v2/leads?custom_fields[Score]=500&per_page=25',
      `select * from leads l where converted_at is null and owner_id = any($1) and exists (select 1 from custom_field_values v where v.record_id = l.id and v.field_id = $2 and v.number_key = 500) order by updated_at, id limit 25`, [visible, score]],
    ['sort by a custom field: Score desc', '/v2/leads?sort_by=custom_fields:Score:desc&per_page=25',
      `select l.* from leads l left join custom_field_values v on v.record_id = l.id and v.field_id = $2 where converted_at is null and owner_id = any($1) order by v.number_key desc nulls last, l.id limit 25`, [visible, score]],
  ];
  // The hand-written equivalent of the prefix stage: an index range over the terms, then the records.
  for (const q of ['las', 'last12', 'last1234', 'last123456']) {
    cases.push([`search as you type: "${q}"`, `/v2/search?q=${q}&types=lead&per_page=10`,
      `select l.id, l.first_name, l.last_name, l.email from leads l where l.id = any(array(
         select s.record_id from search_terms s where s.term >= $2 and s.term < $3 and s.record_type = 'lead' and s.owner_id = any($1) order by s.term, s.record_id limit 10))`,
      [visible, q, `${q}\u{10FFFF}`]]);
  }
  const results = [];
  for (const [name, path, text, params] of cases) {
    const r = await compare(gateway, manager, path, app, text, params, SAMPLES);
    results.push({ name, ...r });
    log(`${name}: API p50 ${r.api[0].toFixed(1)} ms, SQL p50 ${r.sql[0].toFixed(1)} ms`);
  }
  await app.end();
  return results;
}

const admin = await token('acme-admin');
const fields = await seed(admin);
const manager = await token('acme-manager');
const results = await latency(manager, fields);

console.log(`\nleads: ${LEADS}, 10 custom fields, caller acme-manager (sees 3/5 of them), ${SAMPLES} sequential samples each\n`);
console.log(`${'query'.padEnd(44)}${'API p50'.padStart(9)}${'API p99'.padStart(9)}${'SQL p50'.padStart(9)}${'SQL p99'.padStart(9)}`);
for (const r of results) console.log(`${r.name.padEnd(44)}${r.api.map((x) => x.toFixed(1).padStart(9)).join('')}${r.sql.map((x) => x.toFixed(1).padStart(9)).join('')}`);
