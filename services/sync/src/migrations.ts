import path from 'node:path';
import { serviceMigrations, type MigrationSet } from '@crm/db-pg';
import { KAFKA_MIGRATIONS } from '@crm/kafka';

/** This service's own migrations. */
export const OWN_MIGRATIONS = serviceMigrations(path.resolve(__dirname, '../migrations'));

/** The tables of the libraries this service mounts (the consumers' processed events), then its own. */
export const MIGRATIONS: readonly MigrationSet[] = [KAFKA_MIGRATIONS, OWN_MIGRATIONS];
