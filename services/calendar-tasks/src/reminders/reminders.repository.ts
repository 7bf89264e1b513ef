import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Trx } from '../database';

export interface DueReminder {
  id: string;
  tenant_id: string;
  subject_type: 'task' | 'appointment';
  subject_id: string;
  remind_at: Date;
  occurrence: Date | null;
}

/** The only SQL of the reminder scheduler. */
@Injectable()
export class RemindersRepository {
  /**
   * Claims up to `limit` due reminders of every tenant, earliest first. Rows another replica holds
   * are skipped, not waited for; a claim ends with its transaction, so a replica that dies
   * mid-batch leaves its rows to the next poll of any replica.
   */
  async claimDue(trx: Trx, limit: number): Promise<DueReminder[]> {
    return trx
      .selectFrom('reminders')
      .select(['id', 'tenant_id', 'subject_type', 'subject_id', 'remind_at', 'occurrence'])
      .where('fired_at', 'is', null)
      .where('remind_at', '<=', sql<Date>`now()`)
      .orderBy('remind_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  }

  async markFired(trx: Trx, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await trx.updateTable('reminders').set({ fired_at: sql`now()` }).where('id', 'in', ids).execute();
  }
}
