import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Trx } from '../database';
import type { InvitationMethod, InvitationSnapshot } from './itip';

export interface InvitationMailsTable {
  id: Generated<string>;
  tenant_id: string;
  appointment_id: string;
  recipient: string;
  method: InvitationMethod;
  snapshot: InvitationSnapshot & { removed?: boolean };
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
}

export interface InvitationTables {
  invitation_mails: InvitationMailsTable;
}

export type InvitationMailRow = Selectable<InvitationMailsTable>;

/** The only SQL of invitation mail. */
@Injectable()
export class InvitationsRepository {
  async queue(trx: Trx, rows: readonly { tenant_id: string; appointment_id: string; recipient: string; method: InvitationMethod; snapshot: InvitationMailsTable['snapshot'] }[]): Promise<void> {
    if (rows.length === 0) return;
    await trx.insertInto('invitation_mails').values(rows.map((r) => ({ ...r, snapshot: JSON.stringify(r.snapshot) as never, sent_at: null, failed_at: null, last_error: null }))).execute();
  }

  /** Claims up to `limit` mails due now, oldest first, skipping those another replica holds. */
  async claimDue(trx: Trx, limit: number): Promise<InvitationMailRow[]> {
    return trx
      .selectFrom('invitation_mails')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('next_attempt_at', '<=', sql<Date>`now()`)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  }

  async markSent(trx: Trx, id: string): Promise<void> {
    await trx.updateTable('invitation_mails').set({ sent_at: sql`now()`, attempts: sql`attempts + 1`, last_error: null }).where('id', '=', id).execute();
  }

  async markRetry(trx: Trx, id: string, delayMs: number, error: string): Promise<void> {
    await trx.updateTable('invitation_mails').set({ attempts: sql`attempts + 1`, next_attempt_at: sql`now() + ${`${delayMs} milliseconds`}::interval`, last_error: error.slice(0, 1000) }).where('id', '=', id).execute();
  }

  async markFailed(trx: Trx, id: string, error: string): Promise<void> {
    await trx.updateTable('invitation_mails').set({ attempts: sql`attempts + 1`, failed_at: sql`now()`, last_error: error.slice(0, 1000) }).where('id', '=', id).execute();
  }
}
