import path from 'node:path';
import type { MigrationSet } from '@crm/db-pg';

const dir = (module: string) => path.resolve(__dirname, '../migrations', module);

/** The tables of `ReferenceListsModule`: reference items and the tenants whose defaults exist. */
export const REFERENCE_LISTS_MIGRATIONS: MigrationSet = { scope: 'records/reference-lists', dir: dir('reference-lists') };
/** The tables of `CustomFieldsModule`: definitions and the index of values. */
export const CUSTOM_FIELDS_MIGRATIONS: MigrationSet = { scope: 'records/custom-fields', dir: dir('custom-fields') };
/** The table of `NotesModule`. */
export const NOTES_MIGRATIONS: MigrationSet = { scope: 'records/notes', dir: dir('notes') };

/** The table of `TagsModule` and the trigger function that fills it from the records' tags. */
export const TAGS_MIGRATIONS: MigrationSet = { scope: 'records/tags', dir: dir('tags') };

/** The table of `OwnersModule`: the tenants' users as the directory describes them. */
export const OWNERS_MIGRATIONS: MigrationSet = { scope: 'records/owners', dir: dir('owners') };

/** The table of `CollaborationsModule`. */
export const COLLABORATIONS_MIGRATIONS: MigrationSet = { scope: 'records/collaborations', dir: dir('collaborations') };

/** Every table of the records platform, for a service that mounts all its modules. */
export const RECORDS_MIGRATIONS: readonly MigrationSet[] = [REFERENCE_LISTS_MIGRATIONS, CUSTOM_FIELDS_MIGRATIONS, NOTES_MIGRATIONS, TAGS_MIGRATIONS, OWNERS_MIGRATIONS, COLLABORATIONS_MIGRATIONS];
