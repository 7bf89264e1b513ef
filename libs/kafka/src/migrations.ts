import path from 'node:path';
import type { MigrationSet } from '@crm/db-pg';

/** The outbox and the processed-events ledger, for every service that publishes or consumes events. */
export const KAFKA_MIGRATIONS: MigrationSet = { scope: 'kafka', dir: path.resolve(__dirname, '../migrations') };
