// Appointments at scale: a week's range query of a user with APPOINTMENTS appointments (SERIES of them
// weekly series) through the gateway next to the same SQL, and the initial sync of a CalDAV calendar
// of CALDAV_EVENTS events next to a plain REPORT fetch of it with the same client.
// Usage: node bench/appointments.mjs <gateway> <owner db url> <app db url> <keycloak> <caldav url> <caldav password>   (see appointments.sh)
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import nodeFetch from 'node-fetch';
import { DAVClient } from 'tsdav';
import { api, compare, TENANT, token } from './lib.mjs';

const [gateway, ownerUrl, appUrl, keycloak, caldavUrl, caldavPassword] = process.argv.slice(2);
const APPOINTMENTS = Number(process.env.BENCH_APPOINTMENTS ?? 10_000);
const SERIES = Number(process.env.BENCH_SERIES ?? 100);
const CALDAV_EVENTS = Number(process.env.BENCH_CALDAV_EVENTS ?? 5_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const OWNER = 1003;
const log = (m) => console.error(`[appointments] ${m}`);

/** APPOINTMENTS appointments of OWNER over two years around now, SERIES of them weekly series; made once. */
async function seed(owner) {
  await owner.query(`select set_config('app.tenant_id', $1, false)`, [TENANT]);
  const { rows } = await owner.query('select count(*)::int as n from appointments where owner_id = $1 and uid like $2', [OWNER, 'bench-%']);
  if (rows[0].n >= APPOINTMENTS) return log(`${rows[0].n} appointments already seeded`);
  log(`seeding ${APPOINTMENTS} appointments, ${SERIES} of them series`);
  await owner.query(`delete from appointments where owner_id = $1 and uid like 'bench-%'`, [OWNER]);
  await owner.query(
    `insert into calendars (tenant_id, owner_id, kind, name, is_default) values ($1, $2, 'builtin', 'Calendar', true) on conflict do nothing`,
    [TENANT, OWNER],
  );
  const { rows: [calendar] } = await owner.query(`select id from calendars where owner_id = $1 and kind = 'builtin'`, [OWNER]);
  // Single appointment g: an hour at a pseudo-random whole hour within a year either side of now.
  await owner.query(
    `insert into appointments (tenant_id, calendar_id, owner_id, creator_id, uid, name, starts_at, ends_at, time_zone)
     select $1::uuid, $2, $3, $3, 'bench-' || g, 'Meeting ' || g, t, t + interval '1 hour', 'Europe/Berlin'
     from generate_series(1, $4::int) g, lateral (select date_trunc('hour', now() - interval '365 days' + ((g::bigint * 104729) % (730 * 86400) || ' seconds')::interval) as t) x`,
    [TENANT, calendar.id, OWNER, APPOINTMENTS - SERIES],
  );
  // Series s: weekly from a day in the past year, at 09:00 UTC, for two years.
  await owner.query(
    `insert into appointments (tenant_id, calendar_id, owner_id, creator_id, uid, name, starts_at, ends_at, time_zone, rrule)
     select $1::uuid, $2, $3, $3, 'bench-series-' || s, 'Weekly ' || s, t, t + interval '30 minutes', 'UTC', 'FREQ=WEEKLY;COUNT=104'
     from generate_series(1, $4::int) s, lateral (select date_trunc('day', now() - ((s * 3) || ' days')::interval) + interval '9 hours' as t) x`,
    [TENANT, calendar.id, OWNER, SERIES],
  );
  await owner.query('analyze appointments');
}

async function rangeQuery(owner, app, manager) {
  await seed(owner);
  const from = new Date(Date.now() + 86_400_000).toISOString();
  const to = new Date(Date.now() + 8 * 86_400_000).toISOString();
  const path = `/v2/appointments?owner_id=${OWNER}&from=${from}&to=${to}&per_page=100`;
  const listed = await api(gateway, manager, 'GET', path);
  // The statements the service runs: single appointments and overrides by time, the series to expand, their overrides.
  const where = `status = 'confirmed' and (owner_id in (${OWNER}) or exists (select 1 from appointment_attendees at where at.appointment_id = appointments.id and at.user_id = 0))`;
  const statements = [
    [`select * from appointments where ${where} and rrule is null and starts_at < $2 and ends_at > $1 and starts_at > $1::timestamptz - interval '366 days' order by starts_at, id limit 20000`, [from, to]],
    [`select * from appointments where ${where} and rrule is not null and starts_at < $1 order by id limit 20000`, [to]],
    [`select series_id, recurrence_id from appointments where series_id in (select id from appointments where owner_id = ${OWNER} and rrule is not null)`, []],
  ];
  const r = await compare(gateway, manager, path, app, statements, undefined, SAMPLES);
  console.log(`\nA week of one user's calendar (${APPOINTMENTS} appointments, ${SERIES} series; ${listed.items.length} occurrences in the week), ${SAMPLES} samples, ms:`);
  console.log(`${''.padEnd(24)}${'p50'.padStart(8)}${'p99'.padStart(8)}`);
  console.log(`${'API (gateway)'.padEnd(24)}${r.api[0].toFixed(1).padStart(8)}${r.api[1].toFixed(1).padStart(8)}`);
  console.log(`${'same SQL'.padEnd(24)}${r.sql[0].toFixed(1).padStart(8)}${r.sql[1].toFixed(1).padStart(8)}`);
  console.log(`${'p99 ratio'.padEnd(24)}${''.padStart(8)}${(r.api[1] / r.sql[1]).toFixed(2).padStart(7)}x`);
}

function eventIcs(i) {
  const day = new Date(Date.UTC(2027, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const hour = String(8 + (i % 9)).padStart(2, '0');
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN', 'BEGIN:VEVENT', `UID:bench-caldav-${i}@bench.example`, 'DTSTAMP:20270101T000000Z',
    `DTSTART;TZID=Europe/Berlin:${day}T${hour}0000`, `DTEND;TZID=Europe/Berlin:${day}T${hour}3000`, `SUMMARY:Event ${i}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}

async function caldavSync(user) {
  // The service's HTTP client for CalDAV (see CaldavAccount): node-fetch.
  const client = new DAVClient({ serverUrl: caldavUrl, credentials: { username: 'caldav-bench', password: caldavPassword }, authMethod: 'Basic', defaultAccountType: 'caldav', fetch: nodeFetch });
  await client.login();
  const url = `${client.account.homeUrl}bench-${CALDAV_EVENTS}/`;
  let calendar = (await client.fetchCalendars()).find((c) => c.url === url);
  if (!calendar) {
    await client.makeCalendar({ url, props: { displayname: `Bench ${CALDAV_EVENTS}` } });
    calendar = (await client.fetchCalendars()).find((c) => c.url === url);
  }
  const existing = await client.calendarQuery({ url, props: { 'd:getetag': {} }, filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' } } }, depth: '1' });
  const have = new Set(existing.filter((r) => r.props?.getetag).map((r) => r.href.split('/').pop()));
  const missing = Array.from({ length: CALDAV_EVENTS }, (_, i) => i).filter((i) => !have.has(`e${i}.ics`));
  if (missing.length > 0) log(`putting ${missing.length} events on the CalDAV server`);
  for (let k = 0; k < missing.length; k += 4) {
    await Promise.all(missing.slice(k, k + 4).map((i) => client.createCalendarObject({ calendar, filename: `e${i}.ics`, iCalString: eventIcs(i) })));
  }
  // The baseline: one REPORT (calendar-query) of every object with its data, by the same client.
  const t0 = performance.now();
  const objects = await client.fetchCalendarObjects({ calendar });
  const reportMs = performance.now() - t0;

  // The CRM: connect (discovery and a credential check), then the first sync, until no sync is pending.
  const t1 = performance.now();
  const connected = await api(gateway, user, 'POST', '/v2/calendars', { data: { server_url: caldavUrl, username: 'caldav-bench', password: caldavPassword, calendar_url: url } });
  const id = connected.data.id;
  let state;
  for (;;) {
    state = (await api(gateway, user, 'GET', `/v2/calendars/${id}`)).data;
    if (!state.sync_pending && state.last_synced_at) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const syncMs = performance.now() - t1;
  const synced = (await api(gateway, user, 'GET', `/v2/appointments?calendar_id=${id}&per_page=1`)) && objects.length;
  await api(gateway, user, 'DELETE', `/v2/calendars/${id}`);
  console.log(`\nInitial sync of a CalDAV calendar of ${objects.length} events (local Radicale):`);
  console.log(`${'plain REPORT fetch (tsdav)'.padEnd(32)}${(reportMs / 1000).toFixed(1).padStart(7)} s${Math.round(objects.length / (reportMs / 1000)).toLocaleString('en').padStart(10)} events/s`);
  console.log(`${'CRM connect + first sync'.padEnd(32)}${(syncMs / 1000).toFixed(1).padStart(7)} s${Math.round(synced / (syncMs / 1000)).toLocaleString('en').padStart(10)} events/s  (${state.sync_status})`);
  console.log(`${'ratio (sync / REPORT time)'.padEnd(32)}${(syncMs / reportMs).toFixed(2).padStart(8)}x`);
}

const owner = new pg.Client({ connectionString: ownerUrl });
const app = new pg.Client({ connectionString: appUrl });
await owner.connect();
await app.connect();
const manager = await token(keycloak, 'acme-manager');
await rangeQuery(owner, app, manager);
await caldavSync(await token(keycloak, 'acme-user2'));
await owner.end();
await app.end();
