import type { Kysely, Transaction } from 'kysely';
import type { TenantUsersDatabase } from '@crm/records';
import type { TasksTables } from './tasks/tasks.repository';

/** Every table of this service's database: its own and those of the libraries it mounts. */
export interface CalendarTasksDatabase extends TasksTables, TenantUsersDatabase {}

export type Database = Kysely<CalendarTasksDatabase>;
export type Trx = Transaction<CalendarTasksDatabase>;
