import path from 'node:path';
import { serviceMigrations, type MigrationSet } from '@crm/db-pg';
import { KAFKA_MIGRATIONS } from '@crm/kafka';
import { RECORDS_MIGRATIONS } from '@crm/records';
import { OBJECT_PURGES_MIGRATIONS } from '@crm/service';

/** This service's own migrations. */
export const OWN_MIGRATIONS = serviceMigrations(path.resolve(__dirname, '../migrations'));

/** The tables of the libraries this service mounts, then its own. */
export const MIGRATIONS: readonly MigrationSet[] = [KAFKA_MIGRATIONS, ...RECORDS_MIGRATIONS, OBJECT_PURGES_MIGRATIONS, OWN_MIGRATIONS];
