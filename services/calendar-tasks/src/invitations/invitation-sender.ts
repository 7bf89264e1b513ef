import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Mailer, MailDeliveryError } from '@crm/mail';
import { PeriodicWorker } from '@crm/service';
import { CONFIG, DATABASE, MAILER } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { Database, Trx } from '../database';
import { AccountLogos } from './account-logos';
import { renderCalendar, renderInvitationMail } from './itip';
import { InvitationsRepository, type InvitationMailRow } from './invitations.repository';
import { signRsvp } from './rsvp-token';

/** Attempts before a transient failure counts as final (about a day with the back-off below). */
const MAX_ATTEMPTS = 12;

/** Back-off after the n-th failed attempt: 30 s doubling, at most four hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 4 * 3_600_000);
}

/**
 * Sends queued invitation mail on every replica without sending any twice in a row: each pass
 * claims a batch with FOR UPDATE SKIP LOCKED, sends each over SMTP and records the outcome in the
 * same transaction. A crash after the server took a mail but before the commit sends it again on a
 * later pass, which iMIP treats as a plain re-send (same UID and SEQUENCE). A refused mail (5xx) is
 * final; a transient failure retries with back-off.
 */
@Injectable()
export class InvitationSender extends PeriodicWorker implements OnApplicationShutdown {
  protected readonly intervalMs: number;
  protected override readonly enabled: boolean;
  private readonly settings: CalendarTasksConfig['invitations'];

  constructor(
    @Inject(CONFIG) config: CalendarTasksConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly invitations: InvitationsRepository,
    private readonly logos: AccountLogos,
  ) {
    super();
    this.settings = config.invitations;
    this.intervalMs = config.invitations.pollMs;
    this.enabled = config.invitations.enabled;
  }

  protected async runPass(): Promise<void> {
    const sent = await this.sendBatch();
    if (sent === this.settings.batchSize && !this.stopping.aborted) this.runSoon();
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    this.mailer.close();
  }

  /** One claimed batch, sent and recorded; answers how many mails it held. */
  async sendBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const due = await this.invitations.claimDue(trx, this.settings.batchSize);
      for (const mail of due) await this.deliver(trx, mail);
      return due.length;
    });
  }

  private async deliver(trx: Trx, mail: InvitationMailRow): Promise<void> {
    try {
      const s = mail.snapshot;
      const rsvpUrl = mail.method === 'REQUEST' ? `${this.settings.publicBaseUrl}/public/rsvp/${signRsvp({ tenantId: mail.tenant_id, appointmentId: s.appointmentId, email: mail.recipient }, this.settings.rsvpKey)}` : null;
      const logo = await this.logos.of(mail.tenant_id, s.ownerId);
      const body = renderInvitationMail(s, mail.method, s.removed === true, rsvpUrl, logo !== null);
      await this.mailer.send({
        to: mail.recipient,
        ...body,
        calendar: { method: mail.method, content: renderCalendar(s, mail.method, this.settings.organizerAddress, mail.recipient, rsvpUrl) },
        replyTo: this.settings.organizerAddress,
        ...(logo ? { attachments: [{ filename: 'logo', content: logo.content, contentType: logo.contentType, contentId: 'account-logo' }] } : {}),
      });
      await this.invitations.markSent(trx, mail.id);
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      const final = (e instanceof MailDeliveryError && !e.transient) || mail.attempts + 1 >= MAX_ATTEMPTS;
      this.logger.warn({ mailId: mail.id, appointmentId: mail.appointment_id, attempt: mail.attempts + 1, final, err: message }, 'invitation mail not sent');
      if (final) await this.invitations.markFailed(trx, mail.id, message);
      else await this.invitations.markRetry(trx, mail.id, retryDelayMs(mail.attempts + 1), message);
    }
  }
}
