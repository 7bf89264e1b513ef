import { z } from 'zod';
import { configFragments, ownersConfigShape, ownersOptions, parseConfig, serviceConfigShape, serviceSettings } from '@crm/config';
import { storageConfigShape } from '@crm/storage';

const schema = z.object({
  ...serviceConfigShape({ grpc: 50051, http: 8081, metrics: 9465 }),
  /** Largest document accepted; the gRPC message limit is derived from it. */
  DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(10 * 1024 * 1024),
  /** How often the purger removes stored objects whose metadata is gone. */
  OBJECT_PURGE_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** Largest CSV an import accepts. */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(256 * 1024 * 1024).default(50 * 1024 * 1024),
  /** Rows an import commits per transaction (its checkpoint). */
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  JOB_RUNNER_ENABLED: configFragments.bool(true),
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(500),
  /** How long a runner holds a job without renewing; after that another runner resumes it. */
  JOB_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  JOB_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  ...storageConfigShape,
  ...ownersConfigShape,
});

export type LeadsContactsConfig = ReturnType<typeof loadLeadsContactsConfig>;

export function loadLeadsContactsConfig(env: NodeJS.ProcessEnv = process.env) {
  const c = parseConfig(schema, env);
  return {
    ...serviceSettings('leads-contacts', c),
    documents: { maxBytes: c.DOCUMENT_MAX_BYTES, purgeIntervalMs: c.OBJECT_PURGE_INTERVAL_MS },
    storage: c,
    owners: ownersOptions('leads-contacts', c),
    jobs: {
      importMaxBytes: c.IMPORT_MAX_BYTES,
      importBatchSize: c.IMPORT_BATCH_SIZE,
      runnerEnabled: c.JOB_RUNNER_ENABLED,
      pollIntervalMs: c.JOB_POLL_INTERVAL_MS,
      leaseMs: c.JOB_LEASE_MS,
      maxAttempts: c.JOB_MAX_ATTEMPTS,
    },
    // Room for the largest file (a document or an import) plus the rest of the message.
    grpcMaxMessageBytes: Math.max(c.DOCUMENT_MAX_BYTES, c.IMPORT_MAX_BYTES) + 1024 * 1024,
  } as const;
}
