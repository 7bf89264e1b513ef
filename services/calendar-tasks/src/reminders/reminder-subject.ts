import type { CloudEvent } from '@crm/events';
import type { Trx } from '../database';
import type { DueReminder } from './reminders.repository';

/** What reminders are about: a kind of subject turns its due reminders into events. */
export interface ReminderSubject {
  readonly type: DueReminder['subject_type'];
  /**
   * The events of these due reminders of one tenant, in the scheduler's transaction under the
   * tenant's row-level security. A subject that repeats schedules its next reminder here.
   */
  fire(trx: Trx, tenantId: string, reminders: readonly DueReminder[]): Promise<CloudEvent[]>;
}
