import { Inject, Injectable } from '@nestjs/common';
import { setTransactionTenant } from '@crm/db-pg';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import { PeriodicWorker } from '@crm/service';
import { CONFIG, DATABASE } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { Database, Trx } from '../database';
import { TasksRepository } from '../tasks/tasks.repository';
import { toTask } from '../tasks/tasks.service';
import { RemindersRepository, type DueReminder } from './reminders.repository';

/**
 * Fires due reminders on every replica without doing any twice: each pass claims a batch with
 * FOR UPDATE SKIP LOCKED and, in the same transaction, writes each reminder's `task.reminder-due`
 * event to the outbox and marks it fired. A crash before the commit leaves the batch unclaimed;
 * after it, the outbox holds the events. A full batch runs the next pass at once.
 */
@Injectable()
export class ReminderScheduler extends PeriodicWorker {
  protected readonly intervalMs: number;
  protected override readonly enabled: boolean;
  private readonly batchSize: number;

  constructor(
    @Inject(CONFIG) config: CalendarTasksConfig,
    @Inject(DATABASE) private readonly db: Database,
    private readonly reminders: RemindersRepository,
    private readonly tasks: TasksRepository,
  ) {
    super();
    this.intervalMs = config.reminders.pollMs;
    this.enabled = config.reminders.enabled;
    this.batchSize = config.reminders.batchSize;
  }

  protected async runPass(): Promise<void> {
    const fired = await this.fireBatch();
    if (fired === this.batchSize && !this.stopping.aborted) this.runSoon();
  }

  /** One claimed batch, fired and committed; answers how many reminders it held. */
  async fireBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const due = await this.reminders.claimDue(trx, this.batchSize);
      const byTenant = new Map<string, DueReminder[]>();
      for (const r of due) {
        const list = byTenant.get(r.tenant_id);
        if (list) list.push(r);
        else byTenant.set(r.tenant_id, [r]);
      }
      for (const [tenantId, reminders] of byTenant) await this.fireForTenant(trx, tenantId, reminders);
      await this.reminders.markFired(trx, due.map((r) => r.id));
      return due.length;
    });
  }

  private async fireForTenant(trx: Trx, tenantId: string, reminders: DueReminder[]): Promise<void> {
    // Tasks are read under their tenant's row-level security, as every other read of them.
    await setTransactionTenant(trx, tenantId);
    const tasks = await this.tasks.findMany(trx, reminders.map((r) => r.subject_id));
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const now = new Date();
    const events = reminders.flatMap((r) => {
      const row = byId.get(r.subject_id);
      // A reminder row outlives its task only if the task went without cancelling it; it fires nothing.
      if (!row) return [];
      return [buildEvent({ kind: 'taskReminderDue', tenantId, aggregateId: row.id, subject: `tenants/${tenantId}/tasks/${row.id}`, payload: { task: toTask(row, now), reminderId: r.id, remindAt: r.remind_at } })];
    });
    await appendToOutbox(trx, events);
  }
}
