import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import { stack } from '@crm/testing';
import { MailDeliveryError, Mailer } from './mailer';

const LOGO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The raw source of the message with this subject in the mailbox's INBOX, read over IMAP (polled: delivery is asynchronous). */
async function fetchBySubject(address: string, subject: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new ImapFlow({ host: '127.0.0.1', port: stack.MAIL_IMAP_PORT, secure: false, auth: { user: address, pass: stack.MAIL_PASSWORD }, logger: false });
    await client.connect();
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const uids = await client.search({ subject });
        if (uids && uids.length > 0) {
          const message = await client.fetchOne(String(uids[0]), { source: true }, { uid: true });
          if (message && message.source) return message.source.toString('utf8');
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
    if (Date.now() > deadline) throw new Error(`no message "${subject}" for ${address}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('mailer against the local mail server', () => {
  const mailer = new Mailer({ smtpUrl: `smtp://127.0.0.1:${stack.MAIL_SMTP_PORT}`, from: 'Pipewright <no-reply@pipewright.local>', timeoutMs: 5_000, tlsVerify: false });
  afterAll(() => mailer.close());

  it('delivers text, HTML with an inline logo and an iCalendar invitation, which arrive as sent', async () => {
    const to = `mailer-${randomUUID().slice(0, 8)}@acme.example`;
    const subject = `Invitation ${randomUUID()}`;
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Pipewright//CRM//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:test-1@pipewright', 'DTSTAMP:20261206T100000Z', 'DTSTART:20261210T150000Z', 'DTEND:20261210T160000Z', 'SUMMARY:Demo', 'ORGANIZER:mailto:no-reply@pipewright.local', `ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION:mailto:${to}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const sent = await mailer.send({
      to, subject, text: 'You are invited.', html: '<p><img src="cid:logo@pipewright"> You are invited.</p>',
      calendar: { method: 'REQUEST', content: ics },
      attachments: [{ filename: 'logo.png', content: LOGO, contentType: 'image/png', contentId: 'logo@pipewright' }],
      headers: { 'X-Pipewright-Kind': 'invitation' },
      messageId: `<${randomUUID()}@pipewright.local>`,
    });
    expect(sent.accepted).toEqual([to]);
    expect(sent.rejected).toEqual([]);

    const source = await fetchBySubject(to, subject);
    expect(source).toContain(`Message-ID: ${sent.messageId}`);
    expect(source).toContain('X-Pipewright-Kind: invitation');
    expect(source).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(source).toMatch(/Content-ID: <logo@pipewright>/i);
    expect(source).toContain('ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION');
  });

  it('fails as transient when the server cannot be reached, and never hangs', async () => {
    const down = new Mailer({ smtpUrl: 'smtp://127.0.0.1:9', from: 'x@pipewright.local', timeoutMs: 2_000, tlsVerify: false });
    try {
      const error = await down.send({ to: 'nobody@acme.example', subject: 'x', text: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as MailDeliveryError).transient).toBe(true);
      expect(await down.verify()).toBe(false);
    } finally {
      down.close();
    }
    expect(await mailer.verify()).toBe(true);
  });

  it.each([
    [550, false],
    [451, true],
  ])('reads a %i refusal of the recipient as transient: %s', async (code, transient) => {
    // A server that refuses every recipient with the given SMTP reply.
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('refused'), { responseCode: code })),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const refusing = new Mailer({ smtpUrl: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, from: 'x@pipewright.local', timeoutMs: 2_000, tlsVerify: false });
    try {
      const error = await refusing.send({ to: 'someone@acme.example', subject: 'x', text: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect({ transient: (error as MailDeliveryError).transient, code: (error as MailDeliveryError).responseCode }).toEqual({ transient, code });
    } finally {
      refusing.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
