// The dashboard next to its parts alone, and activity feed pages next to the same find() on the
// database. Usage: node bench/dashboard.mjs <gateway url> <keycloak url> <mongo url> <db name>  (see dashboard.sh)
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { api, pct, TENANT, timed, token } from './lib.mjs';

const [gateway, keycloak, mongoUrl, dbName] = process.argv.slice(2);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const log = (m) => console.error(`[dashboard] ${m}`);
const DAY = 86_400_000;
const OWNERS = ['1001', '1002', '1003', '1004', '1005'];
const KINDS = ['lead_added', 'contact_added', 'deal_added', 'note_added', 'task_added', 'task_completed', 'lead_status_changed', 'deal_stage_changed', 'call_logged', 'appointment_booked'];
const RECORDS = 200_000;

/** A UUIDv7 of the millisecond `ms`, as the services make them. */
function uuidv7(ms) {
  const hex = ms.toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Activity i of the seed: over the past year, owner i % 5, on record i % RECORDS of one of three types. */
function activity(i, now) {
  const ms = now - 365 * DAY + Math.floor((i / ACTIVITIES) * 365 * DAY);
  const kind = KINDS[i % KINDS.length];
  const recordType = ['lead', 'contact', 'deal'][i % 3];
  return {
    _id: uuidv7(ms), tenantId: TENANT, kind, actorId: OWNERS[(i * 7) % 5], recordType, recordId: String(1 + (i % RECORDS)), recordName: `Record ${i % RECORDS}`,
    itemType: null, itemId: null, ownerId: OWNERS[i % 5], summary: `Activity ${i}`, details: {}, occurredAt: new Date(ms),
  };
}

async function seedActivities(collection) {
  const have = await collection.estimatedDocumentCount();
  if (have >= ACTIVITIES) return log(`${have} activities already seeded`);
  log(`seeding ${ACTIVITIES} activities (insertMany in batches of 5,000)`);
  const t0 = performance.now();
  await collection.deleteMany({});
  const now = Date.now() - DAY;
  for (let start = 0; start < ACTIVITIES; start += 5_000) {
    const batch = [];
    for (let i = start; i < Math.min(ACTIVITIES, start + 5_000); i++) batch.push(activity(i, now));
    await collection.insertMany(batch, { ordered: false });
    if ((start / 5_000) % 20 === 0) log(`  ${start + batch.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** A few open tasks (overdue and upcoming), appointments and a deal of acme-user1, so no part is empty. */
async function seedRecords(user) {
  const now = Date.now();
  for (let i = 0; i < 10; i++) {
    await api(gateway, user, 'POST', '/v2/tasks', { data: { content: `Dashboard overdue ${i}`, due_date: new Date(now - (i + 1) * 3_600_000).toISOString() } });
    await api(gateway, user, 'POST', '/v2/tasks', { data: { content: `Dashboard upcoming ${i}`, due_date: new Date(now + (i + 1) * 12 * 3_600_000).toISOString() } });
    const start = new Date(now + (i + 1) * 13 * 3_600_000);
    await api(gateway, user, 'POST', '/v2/appointments', { data: { name: `Dashboard meeting ${i}`, starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 1_800_000).toISOString() } });
  }
  const contact = (await api(gateway, user, 'POST', '/v2/contacts', { data: { last_name: 'Dashboard bench' } })).data;
  await api(gateway, user, 'POST', '/v2/deals', { data: { name: 'Dashboard bench deal', value: 1000, contact_id: contact.id } });
}

/** p50/p99 of each named GET, sampled round-robin so that all see the same conditions. */
async function measure(tok, paths) {
  const times = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
  const get = async (path) => {
    const res = await fetch(`${gateway}${path}`, { headers: { authorization: `Bearer ${tok}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (const path of Object.values(paths)) await get(path);
  for (let i = 0; i < SAMPLES; i++) for (const [name, path] of Object.entries(paths)) times[name].push(await timed(() => get(path)));
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, [pct(xs, 50), pct(xs, 99)]]));
}

const ms = (x) => x.toFixed(1).padStart(7);
const connection = await mongoose.createConnection(mongoUrl, { dbName }).asPromise();
const activities = connection.db.collection('activities');
await seedActivities(activities);
await seedRecords(await token(keycloak, 'acme-user1'));

const manager = await token(keycloak, 'acme-manager');
const now = new Date();
const iso = (d) => encodeURIComponent(d.toISOString());
const from = new Date(now.getTime() - 30 * DAY);
const until = new Date(now.getTime() + 7 * DAY);
log(`dashboard of acme-manager (3 owners) next to its parts alone, ${SAMPLES} samples each`);
const parts = {
  'deal summary': '/v2/analytics/deal_summary',
  activities: `/v2/activities?per_page=10&from=${iso(from)}&to=${iso(now)}`,
  'overdue tasks': '/v2/tasks?completed=false&overdue=true&sort_by=due_date:desc&per_page=10',
  'upcoming tasks': `/v2/tasks?completed=false&overdue=false&due_date[from]=${iso(now)}&due_date[to]=${iso(until)}&sort_by=due_date&per_page=10`,
  appointments: `/v2/appointments?from=${iso(now)}&to=${iso(until)}&sort_by=starts_at&per_page=10`,
};
const results = await measure(manager, { dashboard: '/v2/dashboard?limit=10', ...parts });
console.log('\n| GET (as acme-manager) | p50 ms | p99 ms |\n|---|---|---|');
for (const [name, [p50, p99]] of Object.entries(results)) console.log(`| ${name} | ${ms(p50)} | ${ms(p99)} |`);
const slowest = Math.max(...Object.keys(parts).map((k) => results[k][1]));
console.log(`\ndashboard p99 / slowest part's p99: ${(results.dashboard[1] / slowest).toFixed(2)} (goal: at most 2)`);

log(`activity feed pages over ${ACTIVITIES} activities, next to the same find() on the database`);
const feeds = [
  { name: 'admin, newest 25', user: 'acme-admin', path: '/v2/activities?per_page=25', filter: { tenantId: TENANT } },
  { name: 'manager (3 owners), newest 25', user: 'acme-manager', path: '/v2/activities?per_page=25', filter: { tenantId: TENANT, ownerId: { $in: ['1002', '1003', '1004'] } } },
  { name: 'user, newest 25', user: 'acme-user3', path: '/v2/activities?per_page=25', filter: { tenantId: TENANT, ownerId: '1005' } },
  { name: 'user, notes only', user: 'acme-user3', path: '/v2/activities?per_page=25&kind=note_added', filter: { tenantId: TENANT, ownerId: '1005', kind: { $in: ['note_added'] } } },
  { name: 'one record\'s page', user: 'acme-admin', path: '/v2/activities?per_page=25&resource_type=contact&resource_id=1001', filter: { tenantId: TENANT, recordType: 'contact', recordId: '1001' } },
];
console.log(`\n| feed page over ${ACTIVITIES} activities | API p50 | API p99 | find() p50 | find() p99 |\n|---|---|---|---|---|`);
for (const feed of feeds) {
  const tok = await token(keycloak, feed.user);
  const api_ = (await measure(tok, { page: feed.path })).page;
  const find = async () => activities.find(feed.filter).sort({ _id: -1 }).limit(26).toArray();
  await find();
  const direct = [];
  for (let i = 0; i < SAMPLES; i++) direct.push(await timed(find));
  console.log(`| ${feed.name} | ${ms(api_[0])} | ${ms(api_[1])} | ${ms(pct(direct, 50))} | ${ms(pct(direct, 99))} |`);
}
await connection.close();
