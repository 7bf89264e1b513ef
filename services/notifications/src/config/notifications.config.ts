import { z } from 'zod';
import { configFragments, mongoServiceConfigShape, mongoServiceSettings, parseConfig } from '@crm/config';
import { mailConfigShape, mailOptions } from '@crm/mail';

const schema = z.object({
  ...mongoServiceConfigShape({ grpc: 50056, http: 8086, metrics: 9470 }, 'crm_notifications'),
  /** Whether this process reads the domain events (safe on every replica: partitions are shared out). */
  DOMAIN_EVENTS_CONSUMER_ENABLED: configFragments.bool(true),
  /** Its consumer group; one per deployment (a second system on the same Kafka needs its own). */
  DOMAIN_EVENTS_CONSUMER_GROUP: z.string().min(1).default('crm.notifications.domain-events'),
  /** Where a new group starts: the topics' beginning (the users and records of the past) or only what comes next. */
  DOMAIN_EVENTS_START: z.enum(['earliest', 'latest']).default('earliest'),
  /**
   * Events older than this raise no notification (they still update what the service keeps), so a
   * first deployment's replay of the past, or a long outage, does not flood inboxes with stale alerts.
   */
  NOTIFY_MAX_EVENT_AGE_MS: z.coerce.number().int().min(60_000).default(24 * 3600 * 1000),
  ...mailConfigShape,
  /** Where people reach the gateway, for the unsubscribe links in mail, e.g. https://crm.example.com. */
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:8080'),
  /** Where the web app shows a record, for the links back in mail (`<url>/leads/12`); default PUBLIC_BASE_URL. */
  APP_BASE_URL: z.string().url().optional(),
  /** HMAC key of the unsubscribe links in mail (at least 32 characters; rotating it voids links already sent). */
  UNSUBSCRIBE_SIGNING_KEY: z.string().min(32),
  /** Whether this process sends queued mail and push messages (safe on every replica: sends are leased, not shared). */
  DELIVERY_ENABLED: configFragments.bool(true),
  /** The longest a queued send waits for the next poll (a new notification wakes the sender at once). */
  DELIVERY_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(1_000),
  /** Sends per pass before the sender looks again. */
  DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(50),
  /** How long a replica holds a send it took; one that dies frees it after this. */
  DELIVERY_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** Attempts of one send before it is marked failed. */
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First wait after a failed attempt; it doubles each time up to DELIVERY_RETRY_MAX_MS. */
  DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  DELIVERY_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(30 * 60_000),
  /**
   * The VAPID key pair of Web Push (RFC 8292), base64url as `web-push generate-vapid-keys` prints
   * it; the private key is a secret. Both empty: push is off (subscriptions are refused).
   */
  VAPID_PUBLIC_KEY: z.string().max(200).default(''),
  VAPID_PRIVATE_KEY: z.string().max(200).default(''),
  /** Who runs this server, for push services to reach: a mailto: or https: URL. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:)/).default('mailto:admin@pipewright.local'),
  /** How long a push service keeps a message for an offline device, in seconds. */
  PUSH_TTL_SECONDS: z.coerce.number().int().min(0).max(2_419_200).default(86_400),
  /** Deadline of each request to a push service. */
  PUSH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Allow push endpoints on loopback and private addresses (local stacks and tests only). */
  PUSH_ALLOW_PRIVATE_ADDRESSES: configFragments.bool(false),
  /** Subscriptions one user may hold (their browsers and devices). */
  PUSH_MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).max(1_000).default(20),
  /**
   * Retention, applied by a periodic job (MongoDB's TTL indexes are not used: FerretDB has none).
   * Days a notification stays in the inbox, with its sends' audit.
   */
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(180),
  /** Days an activity stays in the stream; 0 keeps them all. */
  ACTIVITY_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  /** Days a processed event is remembered (longer than the topics keep events, so no redelivery is missed). */
  PROCESSED_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Whether this process runs the retention job (harmless on several replicas: deleting twice deletes nothing more). */
  RETENTION_ENABLED: configFragments.bool(true),
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
});

export type NotificationsConfig = ReturnType<typeof loadNotificationsConfig>;

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env) {
  const c = parseConfig(schema, env);
  return {
    ...mongoServiceSettings('notifications', c),
    domainEventsGroup: c.DOMAIN_EVENTS_CONSUMER_ENABLED ? c.DOMAIN_EVENTS_CONSUMER_GROUP : undefined,
    domainEventsFromBeginning: c.DOMAIN_EVENTS_START === 'earliest',
    notifyMaxEventAgeMs: c.NOTIFY_MAX_EVENT_AGE_MS,
    mail: mailOptions(c),
    links: {
      publicBaseUrl: c.PUBLIC_BASE_URL.replace(/\/+$/, ''),
      appBaseUrl: (c.APP_BASE_URL ?? c.PUBLIC_BASE_URL).replace(/\/+$/, ''),
      unsubscribeKey: c.UNSUBSCRIBE_SIGNING_KEY,
    },
    push: {
      vapid: c.VAPID_PUBLIC_KEY && c.VAPID_PRIVATE_KEY ? { publicKey: c.VAPID_PUBLIC_KEY, privateKey: c.VAPID_PRIVATE_KEY, subject: c.VAPID_SUBJECT } : undefined,
      ttlSeconds: c.PUSH_TTL_SECONDS,
      timeoutMs: c.PUSH_TIMEOUT_MS,
      allowPrivateAddresses: c.PUSH_ALLOW_PRIVATE_ADDRESSES,
      maxSubscriptionsPerUser: c.PUSH_MAX_SUBSCRIPTIONS_PER_USER,
    },
    retention: {
      enabled: c.RETENTION_ENABLED,
      intervalMs: c.RETENTION_INTERVAL_MS,
      notificationDays: c.NOTIFICATION_RETENTION_DAYS,
      activityDays: c.ACTIVITY_RETENTION_DAYS,
      processedEventDays: c.PROCESSED_EVENT_RETENTION_DAYS,
    },
    delivery: {
      enabled: c.DELIVERY_ENABLED,
      pollMs: c.DELIVERY_POLL_MS,
      batchSize: c.DELIVERY_BATCH_SIZE,
      leaseMs: c.DELIVERY_LEASE_MS,
      maxAttempts: c.DELIVERY_MAX_ATTEMPTS,
      retryBaseMs: c.DELIVERY_RETRY_BASE_MS,
      retryMaxMs: c.DELIVERY_RETRY_MAX_MS,
    },
  };
}
