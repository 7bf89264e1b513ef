import type { Kysely, Transaction } from 'kysely';
import type { CollaborationsDatabase, CustomFieldsDatabase, NotesDatabase, ReferenceListsDatabase, TagsDatabase, TenantUsersDatabase } from '@crm/records';
import type { DealsTables } from './deals/deals.repository';
import type { OrdersTables } from './orders/orders.repository';
import type { PipelinesTables } from './pipelines/pipelines.repository';
import type { ProductsTables } from './products/products.repository';

/** Every table of this service's database: its own and those of the libraries it mounts. */
export interface DealsPipelinesDatabase extends PipelinesTables, DealsTables, CollaborationsDatabase, ProductsTables, OrdersTables, CustomFieldsDatabase, ReferenceListsDatabase, NotesDatabase, TagsDatabase, TenantUsersDatabase {}

export type Database = Kysely<DealsPipelinesDatabase>;
export type Trx = Transaction<DealsPipelinesDatabase>;
