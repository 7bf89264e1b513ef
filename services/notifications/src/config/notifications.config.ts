import { z } from 'zod';
import { configFragments, mongoServiceConfigShape, mongoServiceSettings, parseConfig } from '@crm/config';

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
});

export type NotificationsConfig = ReturnType<typeof loadNotificationsConfig>;

export function loadNotificationsConfig(env: NodeJS.ProcessEnv = process.env) {
  const c = parseConfig(schema, env);
  return {
    ...mongoServiceSettings('notifications', c),
    domainEventsGroup: c.DOMAIN_EVENTS_CONSUMER_ENABLED ? c.DOMAIN_EVENTS_CONSUMER_GROUP : undefined,
    domainEventsFromBeginning: c.DOMAIN_EVENTS_START === 'earliest',
    notifyMaxEventAgeMs: c.NOTIFY_MAX_EVENT_AGE_MS,
  };
}
