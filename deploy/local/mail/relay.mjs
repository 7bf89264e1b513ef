// The local stack's SMTP server: accepts mail for any address on a loopback port and hands each
// message to Dovecot over LMTP, where it lands in the recipient's INBOX (readable over IMAP).
// Keycloak's emails, Dovecot submission and the services' outgoing mail all arrive here.
//   MAIL_SMTP_PORT   port to listen on (127.0.0.1)
//   MAIL_LMTP_PORT   Dovecot's LMTP port
import { SMTPServer } from 'smtp-server';
import nodemailer from 'nodemailer';

const smtpPort = Number(process.env.MAIL_SMTP_PORT ?? 2525);
const lmtp = nodemailer.createTransport({ host: '127.0.0.1', port: Number(process.env.MAIL_LMTP_PORT ?? 2424), lmtp: true });

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  size: 25 * 1024 * 1024,
  banner: 'Pipewright local mail relay',
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('error', callback);
    stream.on('end', () => {
      const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
      lmtp.sendMail({ envelope, raw: Buffer.concat(chunks) }).then(
        () => callback(),
        (err) => {
          // A temporary failure makes the sender retry instead of dropping the message.
          const reply = new Error(`delivery failed: ${err.message}`);
          reply.responseCode = 451;
          callback(reply);
        },
      );
    });
  },
});
server.on('error', (err) => console.error(`${new Date().toISOString()} smtp error: ${err.message}`));
server.listen(smtpPort, '127.0.0.1', () => console.log(`${new Date().toISOString()} relaying SMTP on 127.0.0.1:${smtpPort} to LMTP`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
