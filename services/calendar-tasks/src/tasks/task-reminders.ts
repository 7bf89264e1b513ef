import { Injectable } from '@nestjs/common';
import { buildEvent, type CloudEvent } from '@crm/events';
import type { Trx } from '../database';
import type { ReminderSubject } from '../reminders/reminder-subject';
import type { DueReminder } from '../reminders/reminders.repository';
import { TasksRepository } from './tasks.repository';
import { toTask } from './tasks.service';

/** A task's reminder fires `task.reminder-due` once. */
@Injectable()
export class TaskReminders implements ReminderSubject {
  readonly type = 'task' as const;

  constructor(private readonly tasks: TasksRepository) {}

  async fire(trx: Trx, tenantId: string, reminders: readonly DueReminder[]): Promise<CloudEvent[]> {
    const byId = new Map((await this.tasks.findMany(trx, reminders.map((r) => r.subject_id))).map((t) => [t.id, t]));
    const now = new Date();
    return reminders.flatMap((r) => {
      const row = byId.get(r.subject_id);
      // A reminder row outlives its task only if the task went without cancelling it; it fires nothing.
      if (!row) return [];
      return [buildEvent({ kind: 'taskReminderDue', tenantId, aggregateId: row.id, subject: `tenants/${tenantId}/tasks/${row.id}`, payload: { task: toTask(row, now), reminderId: r.id, remindAt: r.remind_at } })];
    });
  }
}
