import type { Kysely, Transaction } from 'kysely';
import type { ObjectPurgesDatabase } from '@crm/service';
import type { AccessTokensTables } from './access-tokens/access-tokens.repository';
import type { AccountsTables } from './accounts/accounts.repository';
import type { TeamsTables } from './teams/teams.repository';
import type { UsersTables } from './users/users.repository';

/** Every table of this service's database: its own and those of the libraries it mounts. */
export interface DirectoryDatabase extends UsersTables, TeamsTables, AccountsTables, AccessTokensTables, ObjectPurgesDatabase {}

export type Database = Kysely<DirectoryDatabase>;
export type Trx = Transaction<DirectoryDatabase>;
