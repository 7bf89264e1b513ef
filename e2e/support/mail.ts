import { ImapFlow } from 'imapflow';
import { stack } from '@crm/testing';
import { eventually } from './eventually';

export interface ReceivedMail {
  uid: number;
  from: string;
  subject: string;
  /** The whole message as sent (headers and MIME body), quoted-printable soft breaks and escapes decoded. */
  source: string;
}

/** Undoes quoted-printable encoding, enough to find links and phrases in a message. */
function unquote(source: string): string {
  return source.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every message in the INBOX of `address` on the local mail server, oldest first, read over IMAP. */
export async function inbox(address: string): Promise<ReceivedMail[]> {
  const client = new ImapFlow({ host: '127.0.0.1', port: stack.MAIL_IMAP_PORT, secure: false, auth: { user: address, pass: stack.MAIL_PASSWORD }, logger: false });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const mails: ReceivedMail[] = [];
      if (client.mailbox && client.mailbox.exists === 0) return mails;
      for await (const m of client.fetch('1:*', { envelope: true, source: true })) {
        mails.push({ uid: m.uid, from: m.envelope?.from?.[0]?.address ?? '', subject: m.envelope?.subject ?? '', source: unquote(m.source?.toString('utf8') ?? '') });
      }
      return mails;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** The INBOX of `address` once it holds at least `count` messages (mail is delivered asynchronously). */
export function inboxWith(address: string, count: number): Promise<ReceivedMail[]> {
  return eventually(() => inbox(address), (mails) => mails.length >= count);
}
