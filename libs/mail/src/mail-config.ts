import { z } from 'zod';
import { configFragments } from '@crm/config';

/** The configuration keys of a service that sends mail; spread into its schema. */
export const mailConfigShape = {
  /** SMTP server: smtp://host:port (STARTTLS when offered) or smtps://host:port, with user:password if it needs them. */
  SMTP_URL: z.string().url().default('smtp://127.0.0.1:2525'),
  /** The sender of the service's mail, e.g. `Pipewright <no-reply@pipewright.example>`. */
  MAIL_FROM: z.string().min(3).default('Pipewright <no-reply@pipewright.local>'),
  /** Milliseconds to connect and for each SMTP command before a send fails as transient. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Refuse a server certificate that does not verify (turn off only for a local test server). */
  SMTP_TLS_VERIFY: configFragments.bool(true),
};

export interface MailOptions {
  smtpUrl: string;
  from: string;
  timeoutMs: number;
  tlsVerify: boolean;
}

/** The mailer's options from a parsed configuration holding `mailConfigShape`. */
export function mailOptions(c: { SMTP_URL: string; MAIL_FROM: string; SMTP_TIMEOUT_MS: number; SMTP_TLS_VERIFY: boolean }): MailOptions {
  return { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM, timeoutMs: c.SMTP_TIMEOUT_MS, tlsVerify: c.SMTP_TLS_VERIFY };
}
