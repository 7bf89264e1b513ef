import { Injectable } from '@nestjs/common';
import { buildEvent, type CloudEvent } from '@crm/events';
import type { Trx } from '../database';
import type { ReminderSubject } from '../reminders/reminder-subject';
import type { DueReminder } from '../reminders/reminders.repository';
import { AppointmentPresenter } from './appointment-presenter';
import { nextReminder, timingOf } from './appointment-rules';
import { AppointmentsRepository } from './appointments.repository';


/**
 * An appointment's reminder fires `appointment.reminder-due` for one occurrence and, for a series,
 * moves on to the next occurrence in the same transaction (a new reminder id), so a series keeps
 * one pending reminder row however long it runs.
 */
@Injectable()
export class AppointmentReminders implements ReminderSubject {
  readonly type = 'appointment' as const;

  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly presenter: AppointmentPresenter,
  ) {}

  async fire(trx: Trx, tenantId: string, reminders: readonly DueReminder[]): Promise<CloudEvent[]> {
    const byId = new Map((await this.appointments.findMany(trx, reminders.map((r) => r.subject_id))).map((a) => [a.id, a]));
    const now = new Date();
    const events: CloudEvent[] = [];
    for (const r of reminders) {
      const row = byId.get(r.subject_id);
      if (!row || row.status !== 'confirmed' || !row.reminder_preset) continue;
      const occurrence = r.occurrence ?? row.starts_at;
      const appointment = await this.presenter.present(trx, row.rrule ? { ...row, starts_at: occurrence, ends_at: new Date(occurrence.getTime() + row.ends_at.getTime() - row.starts_at.getTime()), recurrence_id: occurrence } : row);
      events.push(buildEvent({ kind: 'appointmentReminderDue', tenantId, aggregateId: row.id, subject: `tenants/${tenantId}/appointments/${row.id}`, payload: { appointment, reminderId: r.id, remindAt: r.remind_at, occurrence } }));
      if (row.rrule) await this.appointments.scheduleReminder(trx, tenantId, row.id, nextReminder(timingOf(row), row.reminder_preset, now, { after: occurrence }));
    }
    return events;
  }
}
