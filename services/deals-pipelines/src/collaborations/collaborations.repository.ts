import { Injectable } from '@nestjs/common';
import { sql, type Generated, type RawBuilder, type Selectable } from 'kysely';
import type { Trx } from '../database';

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

export interface CollaborationsTables {
  collaborations: CollaborationsTable;
}

export type CollaborationRow = Selectable<CollaborationsTable>;
export type CollaborationWithOwner = CollaborationRow & { record_owner_id: string };
export const COLLABORATION_SORT_COLUMNS = ['id', 'created_at', 'updated_at'] as const;

export interface CollaborationQuery {
  ids: string[];
  resourceType?: string;
  resourceId?: string;
  creatorId?: string;
  collaboratorId?: string;
  /** The caller: collaborations on deals whose owner is in `ownerIds`, or that the caller collaborates on. */
  viewer: { userId: string; ownerIds: readonly string[] | 'all' };
  sort: { column: (typeof COLLABORATION_SORT_COLUMNS)[number]; descending: boolean }[];
  limit: number;
  offset: number;
}

/** Deals a user collaborates on, as a condition on a query over `deals` (for the deals they may see). */
export function collaboratesOnDeal(userId: string, dealId: RawBuilder<unknown> = sql.ref('deals.id')): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from collaborations c where c.resource_type = 'deal' and c.resource_id = ${dealId} and c.collaborator_id = ${userId})`;
}

/** The only SQL about collaborations. */
@Injectable()
export class CollaborationsRepository {
  async isCollaborator(trx: Trx, dealId: string, userId: string): Promise<boolean> {
    const row = await trx.selectFrom('collaborations').select('id').where('resource_type', '=', 'deal').where('resource_id', '=', dealId).where('collaborator_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  /** Inserts a collaboration, or answers undefined when the user collaborates on the deal already. */
  async insert(trx: Trx, row: Omit<CollaborationsTable, 'id' | 'created_at' | 'updated_at'>): Promise<CollaborationRow | undefined> {
    return trx.insertInto('collaborations').values(row).onConflict((c) => c.constraint('collaborations_unique').doNothing()).returningAll().executeTakeFirst();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<CollaborationWithOwner | undefined> {
    const q = trx.selectFrom('collaborations').innerJoin('deals', 'deals.id', 'collaborations.resource_id').selectAll('collaborations').select('deals.owner_id as record_owner_id').where('collaborations.id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst() as Promise<CollaborationWithOwner | undefined>;
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('collaborations').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: CollaborationQuery): Promise<CollaborationWithOwner[]> {
    let query = trx.selectFrom('collaborations').innerJoin('deals', 'deals.id', 'collaborations.resource_id').selectAll('collaborations').select('deals.owner_id as record_owner_id');
    if (q.viewer.ownerIds !== 'all') {
      const owners = q.viewer.ownerIds.length > 0 ? [...q.viewer.ownerIds] : ['0'];
      query = query.where((eb) => eb.or([eb('deals.owner_id', 'in', owners), collaboratesOnDeal(q.viewer.userId) as never]));
    }
    if (q.ids.length > 0) query = query.where('collaborations.id', 'in', q.ids);
    if (q.resourceType) query = query.where('collaborations.resource_type', '=', q.resourceType);
    if (q.resourceId) query = query.where('collaborations.resource_id', '=', q.resourceId);
    if (q.creatorId) query = query.where('collaborations.creator_id', '=', q.creatorId);
    if (q.collaboratorId) query = query.where('collaborations.collaborator_id', '=', q.collaboratorId);
    for (const s of q.sort) query = query.orderBy(`collaborations.${s.column}`, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('collaborations.id', 'asc');
    return (await query.limit(q.limit).offset(q.offset).execute()) as CollaborationWithOwner[];
  }
}
