import { z } from 'zod';
import { configFragments, parseConfig, serviceConfigShape, serviceSettings } from '@crm/config';

const schema = z.object({
  ...serviceConfigShape({ grpc: 50054, http: 8084, metrics: 9468 }),
  /** Whether this process keeps the copy of the records current from the domain events. */
  SYNC_PROJECTION_ENABLED: configFragments.bool(true),
  /** Its consumer group; one per deployment. A new group reads the topics from their beginning. */
  SYNC_PROJECTION_GROUP: z.string().min(1).default('crm.sync.projection'),
  /** Where a new group starts: `earliest` copies all Kafka retains; `latest` only what comes next (tests). */
  SYNC_PROJECTION_START: z.enum(['earliest', 'latest']).default('earliest'),
  /** Items per queue page. */
  SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** How long a session can be drained after its start. */
  SYNC_SESSION_TTL_MS: z.coerce.number().int().min(1000).default(60 * 60 * 1000),
});

export type SyncConfig = ReturnType<typeof loadSyncConfig>;

export function loadSyncConfig(env: NodeJS.ProcessEnv = process.env) {
  const c = parseConfig(schema, env);
  return {
    ...serviceSettings('sync', c),
    projection: { enabled: c.SYNC_PROJECTION_ENABLED, group: c.SYNC_PROJECTION_GROUP, fromBeginning: c.SYNC_PROJECTION_START === 'earliest' },
    sessions: { pageSize: c.SYNC_PAGE_SIZE, ttlMs: c.SYNC_SESSION_TTL_MS },
  };
}
