import { Inject, Injectable } from '@nestjs/common';
import { sql, type Generated, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import { attachedRecordOwner, findRecordOwner, type AttachedRecords } from '../attached-record';
import type { ServiceTransaction } from '../tags/tags.options';
import { COLLABORATIONS_OPTIONS, type CollaborationsOptions } from './collaborations.options';

export interface CollaborationsTable {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  resource_type: string;
  resource_id: string;
  collaborator_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CollaborationsDatabase {
  collaborations: CollaborationsTable;
}

export type CollaborationRow = Selectable<CollaborationsTable>;
export type CollaborationWithOwner = CollaborationRow & { record_owner_id: string };
export const COLLABORATION_SORT_COLUMNS = ['id', 'created_at', 'updated_at'] as const;
type Trx = Transaction<CollaborationsDatabase>;

export interface CollaborationQuery {
  ids: string[];
  resourceType?: string;
  resourceId?: string;
  creatorId?: string;
  collaboratorId?: string;
  /** The caller: collaborations on records whose owner is in `ownerIds`, or that the caller collaborates on. */
  viewer: { userId: string; ownerIds: readonly string[] | 'all' };
  sort: { column: (typeof COLLABORATION_SORT_COLUMNS)[number]; descending: boolean }[];
  limit: number;
  offset: number;
}

/**
 * Records a user collaborates on, as a condition on a query over the record's type and id (the
 * `sharedWith` of record lists and notes): whoever collaborates on a record sees it.
 */
export function collaboratesOn(userId: string, resourceType: RawBuilder<unknown> | string, resourceId: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from collaborations c where c.resource_type = ${resourceType} and c.resource_id = ${resourceId} and c.collaborator_id = ${userId})`;
}

/** The only SQL about collaborations (it reads the owner of the record from the service's record tables). */
@Injectable()
export class CollaborationsRepository {
  private readonly records: AttachedRecords;
  private readonly recordOwnerSql: RawBuilder<string>;

  constructor(@Inject(COLLABORATIONS_OPTIONS) options: CollaborationsOptions) {
    this.records = options.records;
    this.recordOwnerSql = attachedRecordOwner('collaborations', options.records);
  }

  recordOwner(trx: Trx, type: string, id: string): Promise<string | undefined> {
    return findRecordOwner(trx, this.records, type, id);
  }

  /** Whether the user collaborates on the record; callable inside any service's transaction. */
  async isCollaborator(serviceTrx: ServiceTransaction, type: string, id: string, userId: string): Promise<boolean> {
    const trx = serviceTrx as Trx;
    const row = await trx.selectFrom('collaborations').select('id').where('resource_type', '=', type).where('resource_id', '=', id).where('collaborator_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  /** Who collaborates on something in the tenant, as `type:userId`. */
  async collaborators(serviceTrx: ServiceTransaction): Promise<Set<string>> {
    const trx = serviceTrx as Trx;
    const rows = await trx.selectFrom('collaborations').select(['resource_type', 'collaborator_id']).distinct().execute();
    return new Set(rows.map((r) => `${r.resource_type}:${r.collaborator_id}`));
  }

  /** Inserts a collaboration, or answers undefined when the user collaborates on the record already. */
  async insert(trx: Trx, row: Omit<CollaborationsTable, 'id' | 'created_at' | 'updated_at'>): Promise<CollaborationRow | undefined> {
    return trx.insertInto('collaborations').values(row).onConflict((c) => c.constraint('collaborations_unique').doNothing()).returningAll().executeTakeFirst();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<CollaborationWithOwner | undefined> {
    const q = trx.selectFrom('collaborations').selectAll('collaborations').select(this.recordOwnerSql.as('record_owner_id')).where('collaborations.id', '=', id);
    const row = (await (forUpdate ? q.forUpdate() : q).executeTakeFirst()) as CollaborationWithOwner | undefined;
    // A collaboration whose record is gone (removed in the same transaction) is gone too.
    return row && row.record_owner_id !== null ? row : undefined;
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('collaborations').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: CollaborationQuery): Promise<CollaborationWithOwner[]> {
    let query = this.matching(trx, q).selectAll('collaborations').select(this.recordOwnerSql.as('record_owner_id'));
    for (const s of q.sort) query = query.orderBy(`collaborations.${s.column}`, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('collaborations.id', 'asc');
    return (await query.limit(q.limit).offset(q.offset).execute()) as CollaborationWithOwner[];
  }

  async count(trx: Trx, q: CollaborationQuery): Promise<number> {
    const row = await this.matching(trx, q).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The collaborations a query matches, on records the viewer sees by owner or as a collaborator. */
  private matching(trx: Trx, q: CollaborationQuery) {
    let query = trx.selectFrom('collaborations').where(sql<boolean>`${this.recordOwnerSql} is not null`);
    if (q.viewer.ownerIds !== 'all') {
      const owners = [...q.viewer.ownerIds];
      query = query.where(sql<boolean>`(${this.recordOwnerSql} = any(${owners}::bigint[]) or ${collaboratesOn(q.viewer.userId, sql.ref('collaborations.resource_type'), sql.ref('collaborations.resource_id'))})`);
    }
    if (q.ids.length > 0) query = query.where('collaborations.id', 'in', q.ids);
    if (q.resourceType) query = query.where('collaborations.resource_type', '=', q.resourceType);
    if (q.resourceId) query = query.where('collaborations.resource_id', '=', q.resourceId);
    if (q.creatorId) query = query.where('collaborations.creator_id', '=', q.creatorId);
    if (q.collaboratorId) query = query.where('collaborations.collaborator_id', '=', q.collaboratorId);
    return query;
  }
}
