import { Inject, Injectable } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { inTenantTransaction } from '@crm/db-pg';
import { PeriodicWorker } from '@crm/service';
import { AppointmentsRepository } from '../appointments/appointments.repository';
import { AppointmentsService } from '../appointments/appointments.service';
import { CONFIG, DATABASE } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { Database } from '../database';
import { parseReply, tenantOfUid, type ItipReply } from './itip-reply';

/** Advisory-lock key of the reader: one replica reads the mailbox at a time. */
const READER_LOCK_KEY = 4_206;
/** Messages handled per pass; the rest wait for the next. */
const BATCH = 200;

/** What became of one message, for the log. */
type Outcome = 'applied' | 'stale' | 'ignored';

/**
 * Reads attendees' iTIP REPLYs from the CRM's calendar mailbox (decision 27) and records each
 * answer: matched by UID (which names the tenant), RECURRENCE-ID, SEQUENCE and the attendee's
 * address, sent from that address. A REPLY to an older SEQUENCE, one older than the answer on file,
 * one from another address and one about no appointment of ours are logged and change nothing.
 * Each message is marked seen once handled; a crash in between handles it again, which changes
 * nothing twice (the DTSTAMP guard).
 */
@Injectable()
export class ItipReplyReader extends PeriodicWorker {
  protected readonly intervalMs: number;
  protected override readonly enabled: boolean;
  private readonly mailbox: NonNullable<CalendarTasksConfig['invitations']['replyMailbox']> | undefined;

  constructor(
    @Inject(CONFIG) config: CalendarTasksConfig,
    @Inject(DATABASE) private readonly db: Database,
    private readonly appointments: AppointmentsRepository,
    private readonly service: AppointmentsService,
  ) {
    super();
    this.mailbox = config.invitations.replyMailbox;
    this.intervalMs = this.mailbox?.pollMs ?? 0;
    this.enabled = this.mailbox !== undefined;
  }

  protected async runPass(): Promise<void> {
    await this.readOnce();
  }

  /** One pass, if no other replica holds the mailbox; answers how many messages it handled. */
  async readOnce(): Promise<number> {
    return this.db.connection().execute(async (connection) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${READER_LOCK_KEY}) as locked`.execute(connection);
      if (!rows[0]?.locked) return 0;
      try {
        return await this.readMailbox();
      } finally {
        await sql`select pg_advisory_unlock(${READER_LOCK_KEY})`.execute(connection);
      }
    });
  }

  private async readMailbox(): Promise<number> {
    const url = new URL(this.mailbox!.url);
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'imaps:' ? 993 : 143)),
      secure: url.protocol === 'imaps:',
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      tls: { rejectUnauthorized: this.mailbox!.tlsVerify },
      connectionTimeout: this.mailbox!.timeoutMs,
      greetingTimeout: this.mailbox!.timeoutMs,
      socketTimeout: this.mailbox!.timeoutMs * 6,
      logger: false,
    });
    // A dropped connection is reported here as well as to the pending command; the pass fails and the next one reconnects.
    client.on('error', (e: Error) => this.logger.warn({ err: e.message }, 'calendar mailbox connection error'));
    await client.connect();
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const uids = ((await client.search({ seen: false }, { uid: true })) || []).slice(0, BATCH);
        for (const uid of uids) {
          if (this.stopping.aborted) break;
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (message && message.source) await this.handle(uid, message.source);
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        }
        return uids.length;
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private async handle(uid: number, source: Buffer): Promise<Outcome> {
    const mail = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
    const part = mail.attachments.find((a) => /^(text\/calendar|application\/ics)/i.test(a.contentType));
    const log = (outcome: Outcome, why: string, reply?: ItipReply) => {
      this.logger.info({ mailUid: uid, from, uid: reply?.uid, attendee: reply?.attendee, sequence: reply?.sequence, outcome, why }, 'calendar mailbox message');
      return outcome;
    };
    if (!part) return log('ignored', 'no iCalendar part');
    const reply = parseReply(part.content.toString('utf8'));
    if ('ignored' in reply) return log('ignored', reply.ignored);
    const tenantId = tenantOfUid(reply.uid);
    if (!tenantId) return log('ignored', 'a UID the CRM did not make', reply);
    if (from !== reply.attendee) return log('ignored', 'sent from another address than the attendee\'s', reply);
    return inTenantTransaction(this.db, tenantId, async (trx) => {
      const row = await this.appointments.findByUid(trx, reply.uid, reply.recurrenceId);
      if (!row) return log('ignored', reply.recurrenceId ? 'an occurrence without an appointment of its own' : 'no such appointment', reply);
      const attendee = ((await this.appointments.attendeesOf(trx, [row.id])).get(row.id) ?? []).find((a) => a.email === reply.attendee && a.user_id === null);
      if (!attendee) return log('ignored', 'not an invited external attendee', reply);
      if (row.status === 'cancelled') return log('stale', 'the appointment is cancelled', reply);
      if (reply.sequence < row.sequence) return log('stale', `answers SEQUENCE ${reply.sequence}, the appointment is at ${row.sequence}`, reply);
      const recorded = await this.service.recordAnswer(trx, tenantId, row, reply.attendee, reply.status, 'email', { stamp: reply.stamp });
      return recorded ? log('applied', reply.status, reply) : log('stale', 'older than the answer on file', reply);
    });
  }
}
