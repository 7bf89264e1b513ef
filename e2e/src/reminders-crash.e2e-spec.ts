import pg from 'pg';
import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import type { crm } from '@crm/proto';
import { createTestDatabase, KafkaProbe, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { calendarTasksEnv, E2E } from '../support/e2e-env';
import { runServiceCommand, startService, waitForHttp, type ServiceProcess } from '../support/service-process';

const PORTS = E2E.remindersCrash;
const REMINDERS = 1_500;
const POLL_MS = 500;
const REMINDER_DUE = 'com.pipewright.crm.calendar.task.reminder-due.v1';

/**
 * Two replicas fire reminders while one is killed mid-batch: consumers still get every reminder,
 * exactly once after de-duplication by event id, and none fires later than a poll and a second.
 */
describe('reminders at two replicas, one killed', () => {
  let database: TestDatabase;
  let db: pg.Client;
  const probe = new KafkaProbe([TOPICS.calendarTask]);
  const replicas: ServiceProcess[] = [];
  const env = (grpc: number, http: number) =>
    calendarTasksEnv(database.appUrl, {
      GRPC_PORT: String(grpc), HTTP_PORT: String(http), OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0',
      RECORD_EVENTS_CONSUMER_ENABLED: 'false', TENANT_USERS_CONSUMER_ENABLED: 'false',
      // The calendar mailbox belongs to the suite's own calendar-tasks.
      ITIP_IMAP_URL: '', INVITATION_SENDER_ENABLED: 'false',
      // Small batches, so that the kill lands in the middle of the work.
      REMINDER_POLL_MS: String(POLL_MS), REMINDER_BATCH_SIZE: '20',
    });

  beforeAll(async () => {
    database = await createTestDatabase('e2e_reminders_crash');
    await runServiceCommand('calendar-tasks', calendarTasksEnv(database.appUrl, { DB_MIGRATION_URL: database.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
    db = new pg.Client({ connectionString: database.ownerUrl });
    await db.connect();
    await probe.start();
    replicas.push(startService('calendar-tasks-reminders-a', 'calendar-tasks', env(PORTS.grpcA, PORTS.httpA)));
    replicas.push(startService('calendar-tasks-reminders-b', 'calendar-tasks', env(PORTS.grpcB, PORTS.httpB)));
    await waitForHttp(`http://127.0.0.1:${PORTS.httpA}/readyz`);
    await waitForHttp(`http://127.0.0.1:${PORTS.httpB}/readyz`);
  });

  afterAll(async () => {
    for (const r of replicas) await r.stop('SIGKILL');
    await probe.stop();
    await db?.end();
    await database?.drop();
  });

  it('delivers every reminder once, on time, through a SIGKILL in the middle of a batch', async () => {
    // Tasks of two tenants whose reminders fall due over the next seconds, written as the service writes them.
    for (const tenant of [TENANTS.acme, TENANTS.globex]) {
      await db.query(`select set_config('app.tenant_id', $1, false)`, [tenant]);
      await db.query(
        `with t as (
           insert into tasks (tenant_id, creator_id, owner_id, content, due_date, remind_at)
           select $1, 1003, 1003, 'Crash reminder ' || n, now() + interval '1 hour', now() + interval '2 seconds' + n * interval '4 ms'
           from generate_series(1, $2) n
           returning id, tenant_id, remind_at)
         insert into reminders (tenant_id, subject_type, subject_id, remind_at) select tenant_id, 'task', id, remind_at from t`,
        [tenant, REMINDERS / 2],
      );
    }
    const expected = new Set((await db.query<{ id: string }>('select id from reminders')).rows.map((r) => r.id));
    expect(expected.size).toBe(REMINDERS);

    // Kill replica A once part of the reminders has fired, while the rest is still due or in flight.
    const fired = async () => Number((await db.query<{ n: string }>('select count(*) as n from reminders where fired_at is not null')).rows[0]!.n);
    const deadline = Date.now() + 60_000;
    while ((await fired()) < REMINDERS / 4) {
      if (Date.now() > deadline) throw new Error('no reminder fired');
      await new Promise((r) => setTimeout(r, 20));
    }
    await replicas[0]!.stop('SIGKILL');
    expect(await fired()).toBeLessThan(REMINDERS);

    const isReminder = (r: { headers: Record<string, string> }) => r.headers.ce_type === REMINDER_DUE;
    const byReminder = new Map<string, Set<string>>();
    const collect = () => {
      byReminder.clear();
      for (const r of probe.records.filter(isReminder)) {
        const payload = decodePayload<crm.calendar.v1.TaskReminderDue>(parseCloudEvent(r.topic, r.key, r.value, r.headers));
        if (!expected.has(payload.reminderId)) continue;
        byReminder.set(payload.reminderId, (byReminder.get(payload.reminderId) ?? new Set()).add(r.headers.ce_id!));
      }
      return byReminder.size;
    };
    const until = Date.now() + 60_000;
    while (collect() < REMINDERS && Date.now() < until) await new Promise((r) => setTimeout(r, 200));

    // Every reminder arrived, each under one event id (a record redelivered by the relay has the same id).
    expect(byReminder.size).toBe(REMINDERS);
    expect([...byReminder.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    // Each fired once and no later than a poll and a second after its time.
    const { rows } = await db.query<{ late_ms: number }>(`select extract(epoch from fired_at - remind_at) * 1000 as late_ms from reminders`);
    expect(rows).toHaveLength(REMINDERS);
    expect(Math.max(...rows.map((r) => Number(r.late_ms)))).toBeLessThanOrEqual(POLL_MS + 1_000);
    expect(Math.min(...rows.map((r) => Number(r.late_ms)))).toBeGreaterThanOrEqual(0);
  });
});
