import nodemailer, { type Transporter } from 'nodemailer';
import type { MailOptions } from './mail-config';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  /** Set to reference the attachment inline from the HTML (`<img src="cid:...">`), e.g. a logo. */
  contentId?: string;
}

export interface MailMessage {
  to: string | string[];
  cc?: string[];
  /** Defaults to the configured sender. */
  from?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * An iCalendar part (RFC 6047): sent as `text/calendar; method=...` next to the text and HTML,
   * and as an .ics attachment, as calendar clients expect of an invitation.
   */
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'REPLY' | 'PUBLISH'; content: string };
  attachments?: MailAttachment[];
  /** Extra headers (e.g. List-Unsubscribe); never the ones above. */
  headers?: Record<string, string>;
  /** A Message-ID to use (`<id@host>`), so that replies can be matched; one is made otherwise. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** A send that failed; `transient` says whether a retry may succeed (connection, timeout, 4xx), or never will (5xx). */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

const addresses = (list: unknown): string[] => (Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? ''))) : []);

/**
 * The platform's outbound mail over SMTP, one pooled connection set per process: what calendar
 * invitations, notifications and the users' own mail (through their mailbox's server) go through.
 */
export class Mailer {
  private readonly transport: Transporter;

  constructor(private readonly options: MailOptions) {
    const url = new URL(options.smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      pool: true,
      maxConnections: 3,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      tls: { rejectUnauthorized: options.tlsVerify },
    });
  }

  async send(message: MailMessage): Promise<SentMail> {
    try {
      const info = await this.transport.sendMail({
        from: message.from ?? this.options.from,
        to: message.to,
        ...(message.cc ? { cc: message.cc } : {}),
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.calendar ? { icalEvent: { method: message.calendar.method, content: message.calendar.content, filename: 'invite.ics' } } : {}),
        attachments: (message.attachments ?? []).map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, ...(a.contentId ? { cid: a.contentId } : {}) })),
        ...(message.headers ? { headers: message.headers } : {}),
        ...(message.messageId ? { messageId: message.messageId } : {}),
        ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
        ...(message.references ? { references: message.references } : {}),
      });
      return { messageId: info.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    } catch (e) {
      const err = e as { message?: string; responseCode?: number; code?: string };
      // A 5xx answer is final; a 4xx, a refused or dropped connection or a timeout may pass later.
      const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
      throw new MailDeliveryError(err.message ?? String(e), !permanent, err.responseCode);
    }
  }

  /** Whether the server answers and takes the credentials (for a readiness check). */
  async verify(): Promise<boolean> {
    try {
      return await this.transport.verify();
    } catch {
      return false;
    }
  }

  close(): void {
    this.transport.close();
  }
}
