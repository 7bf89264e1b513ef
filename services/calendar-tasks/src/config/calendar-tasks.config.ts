import { z } from 'zod';
import { configFragments, ownersConfigShape, ownersOptions, parseConfig, serviceConfigShape, serviceSettings } from '@crm/config';

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
  };
}
