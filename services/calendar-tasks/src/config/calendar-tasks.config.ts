import { z } from 'zod';
import { configFragments, encryptionKey, ownersConfigShape, ownersOptions, parseConfig, serviceConfigShape, serviceSettings } from '@crm/config';
import { mailConfigShape, mailOptions } from '@crm/mail';

const schema = z.object({
  ...serviceConfigShape({ grpc: 50055, http: 8085, metrics: 9469 }),
  LEADS_CONTACTS_GRPC_URL: z.string().default('127.0.0.1:50051'),
  DEALS_PIPELINES_GRPC_URL: z.string().default('127.0.0.1:50052'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Whether this process follows the records' deletions and conversions from their events. */
  RECORD_EVENTS_CONSUMER_ENABLED: configFragments.bool(true),
  /** Its consumer group; one per deployment (a second system on the same Kafka needs its own). */
  RECORD_EVENTS_CONSUMER_GROUP: z.string().min(1).default('crm.calendar-tasks.record-events'),
  /** Whether this process fires due reminders (safe on every replica: rows are claimed, not shared). */
  REMINDER_SCHEDULER_ENABLED: configFragments.bool(true),
  /** The longest a due reminder waits for the next poll. */
  REMINDER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** Reminders claimed and fired per transaction. */
  REMINDER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  ...ownersConfigShape,
  ...mailConfigShape,
  /** Whether this process sends queued invitation mail (safe on every replica: mails are claimed, not shared). */
  INVITATION_SENDER_ENABLED: configFragments.bool(true),
  /** The longest a queued invitation waits for the next poll. */
  INVITATION_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  INVITATION_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(20),
  /**
   * The ORGANIZER address of invitations: the CRM's calendar mailbox, where attendees' iTIP
   * REPLYs arrive (decision 27). Appears with the owner's name.
   */
  ITIP_ORGANIZER_ADDRESS: z.string().email().default('calendar@pipewright.local'),
  /** HMAC key of the RSVP links in invitations (at least 32 characters; rotating it voids links already sent). */
  RSVP_SIGNING_KEY: z.string().min(32),
  /**
   * The calendar mailbox attendees' iTIP REPLYs arrive in (the ITIP_ORGANIZER_ADDRESS's), read over
   * IMAP: imap://user:password@host:port (STARTTLS when offered) or imaps://...; empty: not read.
   */
  ITIP_IMAP_URL: z.string().url().or(z.literal('')).default(''),
  /** How often that mailbox is read for new answers. */
  ITIP_IMAP_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** How long a tenant's logo is reused in invitations before the directory is asked again. */
  INVITATION_LOGO_CACHE_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  /** Key of the CalDAV passwords users give (32 bytes, base64: `openssl rand -base64 32`); a secret. */
  CALDAV_CREDENTIALS_KEY: encryptionKey,
  /** Deadline of each request to a CalDAV server. */
  CALDAV_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** How often each connected CalDAV calendar is synced (a change in the CRM, or a request, syncs it at once). */
  CALDAV_SYNC_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
  /** How often this replica looks for calendars due a sync. */
  CALDAV_SYNC_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
  /** Whether this process syncs CalDAV calendars (safe on every replica: calendars are leased, not shared). */
  CALDAV_SYNC_ENABLED: configFragments.bool(true),
  /** Allow CalDAV servers on loopback and private addresses (local stacks and tests only). */
  CALDAV_ALLOW_PRIVATE_ADDRESSES: configFragments.bool(false),
  /** Where people reach the gateway, for links in mail, e.g. https://crm.example.com. */
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:8080'),
});

export type CalendarTasksConfig = ReturnType<typeof loadCalendarTasksConfig>;

export function loadCalendarTasksConfig(env: NodeJS.ProcessEnv = process.env) {
  const c = parseConfig(schema, env);
  return {
    ...serviceSettings('calendar-tasks', c),
    upstreams: {
      leadsContacts: { grpcUrl: c.LEADS_CONTACTS_GRPC_URL, timeoutMs: c.UPSTREAM_TIMEOUT_MS },
      dealsPipelines: { grpcUrl: c.DEALS_PIPELINES_GRPC_URL, timeoutMs: c.UPSTREAM_TIMEOUT_MS },
    },
    recordEventsConsumerGroup: c.RECORD_EVENTS_CONSUMER_ENABLED ? c.RECORD_EVENTS_CONSUMER_GROUP : undefined,
    reminders: { enabled: c.REMINDER_SCHEDULER_ENABLED, pollMs: c.REMINDER_POLL_MS, batchSize: c.REMINDER_BATCH_SIZE },
    owners: ownersOptions('calendar-tasks', c),
    mail: mailOptions(c),
    caldav: {
      credentialsKey: c.CALDAV_CREDENTIALS_KEY,
      timeoutMs: c.CALDAV_TIMEOUT_MS,
      syncIntervalMs: c.CALDAV_SYNC_INTERVAL_MS,
      pollMs: c.CALDAV_SYNC_POLL_MS,
      enabled: c.CALDAV_SYNC_ENABLED,
      allowPrivateAddresses: c.CALDAV_ALLOW_PRIVATE_ADDRESSES,
    },
    invitations: {
      enabled: c.INVITATION_SENDER_ENABLED,
      pollMs: c.INVITATION_POLL_MS,
      batchSize: c.INVITATION_BATCH_SIZE,
      organizerAddress: c.ITIP_ORGANIZER_ADDRESS,
      rsvpKey: c.RSVP_SIGNING_KEY,
      publicBaseUrl: c.PUBLIC_BASE_URL.replace(/\/+$/, ''),
      logoCacheMs: c.INVITATION_LOGO_CACHE_MS,
      replyMailbox: c.ITIP_IMAP_URL ? { url: c.ITIP_IMAP_URL, pollMs: c.ITIP_IMAP_POLL_MS, timeoutMs: c.SMTP_TIMEOUT_MS, tlsVerify: c.SMTP_TLS_VERIFY } : undefined,
    },
  };
}
