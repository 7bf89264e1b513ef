import type { Kysely, Transaction } from 'kysely';
import type { ProjectionTables } from './projection/projection.repository';
import type { SessionTables } from './sessions/sessions.repository';

/** Every table of this service's database. */
export interface SyncDatabase extends ProjectionTables, SessionTables {}

export type Database = Kysely<SyncDatabase>;
export type Trx = Transaction<SyncDatabase>;
