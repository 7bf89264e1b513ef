import { Inject, Injectable } from '@nestjs/common';
import { setTransactionTenant } from '@crm/db-pg';
import { appendToOutbox } from '@crm/kafka';
import { PeriodicWorker } from '@crm/service';
import { AppointmentReminders } from '../appointments/appointment-reminders';
import { CONFIG, DATABASE } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { Database } from '../database';
import { TaskReminders } from '../tasks/task-reminders';
import type { ReminderSubject } from './reminder-subject';
import { RemindersRepository, type DueReminder } from './reminders.repository';

/**
 * Fires due reminders on every replica without doing any twice: each pass claims a batch with
 * FOR UPDATE SKIP LOCKED and, in the same transaction, marks the batch fired and writes each
 * reminder's event to the outbox (`task.reminder-due`, `appointment.reminder-due`). A crash before
 * the commit leaves the batch unclaimed; after it, the outbox holds the events. A full batch runs
 * the next pass at once.
 */
@Injectable()
export class ReminderScheduler extends PeriodicWorker {
  protected readonly intervalMs: number;
  protected override readonly enabled: boolean;
  private readonly batchSize: number;
  private readonly subjects: ReadonlyMap<string, ReminderSubject>;

  constructor(
    @Inject(CONFIG) config: CalendarTasksConfig,
    @Inject(DATABASE) private readonly db: Database,
    private readonly reminders: RemindersRepository,
    tasks: TaskReminders,
    appointments: AppointmentReminders,
  ) {
    super();
    this.intervalMs = config.reminders.pollMs;
    this.enabled = config.reminders.enabled;
    this.batchSize = config.reminders.batchSize;
    this.subjects = new Map([tasks, appointments].map((s) => [s.type, s]));
  }

  protected async runPass(): Promise<void> {
    const fired = await this.fireBatch();
    if (fired === this.batchSize && !this.stopping.aborted) this.runSoon();
  }

  /** One claimed batch, fired and committed; answers how many reminders it held. */
  async fireBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const due = await this.reminders.claimDue(trx, this.batchSize);
      // Marked first: a subject that repeats replaces its row with the next reminder (a new id).
      await this.reminders.markFired(trx, due.map((r) => r.id));
      const groups = new Map<string, DueReminder[]>();
      for (const r of due) {
        const key = `${r.tenant_id}/${r.subject_type}`;
        const list = groups.get(key);
        if (list) list.push(r);
        else groups.set(key, [r]);
      }
      for (const reminders of groups.values()) {
        const { tenant_id: tenantId, subject_type: type } = reminders[0]!;
        // Subjects are read under their tenant's row-level security, as every other read of them.
        await setTransactionTenant(trx, tenantId);
        await appendToOutbox(trx, await this.subjects.get(type)!.fire(trx, tenantId, reminders));
      }
      return due.length;
    });
  }
}
