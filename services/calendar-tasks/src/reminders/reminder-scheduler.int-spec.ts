import { sql } from 'kysely';
import { createDatabase, inTenantTransaction, migrate } from '@crm/db-pg';
import { crm } from '@crm/proto';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { CalendarTasksDatabase, Database } from '../database';
import { MIGRATIONS } from '../migrations';
import { AppointmentPresenter } from '../appointments/appointment-presenter';
import { AppointmentReminders } from '../appointments/appointment-reminders';
import { AppointmentsRepository } from '../appointments/appointments.repository';
import { CalendarsRepository } from '../calendars/calendars.repository';
import { TaskReminders } from '../tasks/task-reminders';
import { TasksRepository } from '../tasks/tasks.repository';
import { ReminderScheduler } from './reminder-scheduler';
import { RemindersRepository } from './reminders.repository';

const config = (batchSize: number) => ({ reminders: { enabled: true, pollMs: 1000, batchSize } }) as CalendarTasksConfig;
const tasks = new TasksRepository();
const appointments = new AppointmentsRepository();
const calendars = new CalendarsRepository();
const schedulerOf = (batchSize: number, db: Database) =>
  new ReminderScheduler(config(batchSize), db, new RemindersRepository(), new TaskReminders(tasks), new AppointmentReminders(appointments, new AppointmentPresenter(appointments, calendars)));

async function addTask(db: Database, tenantId: string, remindAt: Date): Promise<string> {
  return inTenantTransaction(db, tenantId, async (trx) => {
    const row = await tasks.insert(trx, {
      tenant_id: tenantId, creator_id: '1003', owner_id: '1003', content: 'Remind me', due_date: new Date(remindAt.getTime() + 3_600_000), remind_at: remindAt,
      reminder_preset: '1_hour_before', completed: false, completed_at: null, resource_type: null, resource_id: null,
    });
    await tasks.scheduleReminder(trx, tenantId, row.id, remindAt);
    return row.id;
  });
}

describe('reminder scheduler', () => {
  let database: TestDatabase;
  let replicas: Database[];

  beforeAll(async () => {
    database = await createTestDatabase('it_calendar_reminders');
    await migrate(database.ownerUrl, MIGRATIONS, { runtimeRole: TEST_APP_ROLE });
    replicas = [createDatabase<CalendarTasksDatabase>({ url: database.appUrl }), createDatabase<CalendarTasksDatabase>({ url: database.appUrl })];
  });

  afterAll(async () => {
    for (const db of replicas ?? []) await db.destroy();
    await database?.drop();
  });

  it('fires every due reminder of every tenant exactly once across two replicas, and none before its time', async () => {
    const [db] = replicas as [Database, Database];
    const now = Date.now();
    const due = new Map<string, string>();
    for (let i = 0; i < 300; i++) {
      const tenantId = i % 2 === 0 ? TENANTS.acme : TENANTS.globex;
      due.set(await addTask(db, tenantId, new Date(now - (i % 50) * 1000)), tenantId);
    }
    const later = await addTask(db, TENANTS.acme, new Date(now + 3_600_000));

    // Two replicas, small batches, racing until neither finds anything due.
    const schedulers = replicas.map((r) => schedulerOf(25, r));
    await Promise.all(schedulers.map(async (s) => {
      while ((await s.fireBatch()) > 0);
    }));

    const { rows } = await sql<{ tenant_id: string; partition_key: string; payload: Buffer }>`select tenant_id, partition_key, payload from outbox where event_type = 'com.pipewright.crm.calendar.task.reminder-due.v1'`.execute(db);
    const fired = rows.map((r) => ({ tenantId: r.tenant_id, ...crm.calendar.v1.TaskReminderDue.decode(r.payload) }));
    expect(fired).toHaveLength(300);
    expect(new Set(fired.map((f) => f.reminderId)).size).toBe(300);
    expect(new Map(fired.map((f) => [f.task!.id, f.tenantId]))).toEqual(due);
    expect(fired.every((f) => f.task!.content === 'Remind me' && f.remindAt!.getTime() <= Date.now())).toBe(true);
    expect(fired.some((f) => f.task!.id === later)).toBe(false);
    const pending = await sql<{ n: string }>`select count(*) as n from reminders where fired_at is null`.execute(db);
    expect(pending.rows[0]!.n).toBe('1');
  });

  it('fires a reminder moved after it fired again, under a new id, and nothing for a cancelled one', async () => {
    const [db] = replicas as [Database, Database];
    const scheduler = schedulerOf(100, db);
    const id = await addTask(db, TENANTS.acme, new Date(Date.now() - 1000));
    const cancelled = await addTask(db, TENANTS.acme, new Date(Date.now() - 1000));
    await inTenantTransaction(db, TENANTS.acme, (trx) => tasks.scheduleReminder(trx, TENANTS.acme, cancelled, null));
    while ((await scheduler.fireBatch()) > 0);
    await inTenantTransaction(db, TENANTS.acme, (trx) => tasks.scheduleReminder(trx, TENANTS.acme, id, new Date(Date.now() - 500)));
    while ((await scheduler.fireBatch()) > 0);
    const { rows } = await sql<{ payload: Buffer }>`select payload from outbox where event_type = 'com.pipewright.crm.calendar.task.reminder-due.v1' and partition_key in (${id}, ${cancelled})`.execute(db);
    const fired = rows.map((r) => crm.calendar.v1.TaskReminderDue.decode(r.payload));
    expect(fired.map((f) => f.task!.id)).toEqual([id, id]);
    expect(new Set(fired.map((f) => f.reminderId)).size).toBe(2);
  });

  it('fires an appointment series\' reminder for its occurrence and moves it on to the next occurrence under a new id', async () => {
    const [db] = replicas as [Database, Database];
    const scheduler = schedulerOf(100, db);
    const first = new Date(Math.floor(Date.now() / 1000) * 1000 - 30_000);
    const series = await inTenantTransaction(db, TENANTS.acme, async (trx) => {
      const calendar = await calendars.ensureBuiltin(trx, TENANTS.acme, '1003');
      const row = await appointments.insert(trx, {
        tenant_id: TENANTS.acme, calendar_id: calendar.id, owner_id: '1003', creator_id: '1003', uid: 'daily@test', series_id: null, recurrence_id: null, name: 'Stand-up', description: '', location: '',
        starts_at: first, ends_at: new Date(first.getTime() + 900_000), time_zone: 'UTC', all_day: false, rrule: 'FREQ=DAILY;COUNT=3', exdates: [], resource_type: null, resource_id: null, reminder_preset: 'at_due_time',
      });
      await appointments.scheduleReminder(trx, TENANTS.acme, row.id, { occurrence: first, remindAt: first });
      return row.id;
    });
    while ((await scheduler.fireBatch()) > 0);
    const { rows } = await sql<{ payload: Buffer }>`select payload from outbox where event_type = 'com.pipewright.crm.calendar.appointment.reminder-due.v1' and partition_key = ${series}`.execute(db);
    const fired = rows.map((r) => crm.calendar.v1.AppointmentReminderDue.decode(r.payload));
    expect(fired).toHaveLength(1);
    expect(fired[0]!.occurrence).toEqual(first);
    expect(fired[0]!.appointment).toMatchObject({ name: 'Stand-up', startsAt: first, recurrenceId: first });
    const next = await sql<{ id: string; remind_at: Date; occurrence: Date; fired_at: Date | null }>`select id, remind_at, occurrence, fired_at from reminders where subject_type = 'appointment' and subject_id = ${series}`.execute(db);
    expect(next.rows).toEqual([{ id: expect.any(String), remind_at: new Date(first.getTime() + 86_400_000), occurrence: new Date(first.getTime() + 86_400_000), fired_at: null }]);
    expect(next.rows[0]!.id).not.toBe(fired[0]!.reminderId);
  });
});
