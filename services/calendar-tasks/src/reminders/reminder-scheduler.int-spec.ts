import { sql } from 'kysely';
import { createDatabase, inTenantTransaction, migrate } from '@crm/db-pg';
import { crm } from '@crm/proto';
import { createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { CalendarTasksDatabase, Database } from '../database';
import { MIGRATIONS } from '../migrations';
import { TasksRepository } from '../tasks/tasks.repository';
import { ReminderScheduler } from './reminder-scheduler';
import { RemindersRepository } from './reminders.repository';

const config = (batchSize: number) => ({ reminders: { enabled: true, pollMs: 1000, batchSize } }) as CalendarTasksConfig;
const tasks = new TasksRepository();

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
    const schedulers = replicas.map((r) => new ReminderScheduler(config(25), r, new RemindersRepository(), tasks));
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
    const scheduler = new ReminderScheduler(config(100), db, new RemindersRepository(), tasks);
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
});
