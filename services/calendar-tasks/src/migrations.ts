import path from 'node:path';
import { serviceMigrations, type MigrationSet } from '@crm/db-pg';
import { KAFKA_MIGRATIONS } from '@crm/kafka';
import { OWNERS_MIGRATIONS, REFERENCE_LISTS_MIGRATIONS } from '@crm/records';

/** This service's own migrations. */
export const OWN_MIGRATIONS = serviceMigrations(path.resolve(__dirname, '../migrations'));

/** The tables of the libraries this service mounts (outbox, the tenants' users, reference lists), then its own. */
export const MIGRATIONS: readonly MigrationSet[] = [KAFKA_MIGRATIONS, OWNERS_MIGRATIONS, REFERENCE_LISTS_MIGRATIONS, OWN_MIGRATIONS];
