import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable, type Transaction } from 'kysely';

export interface TagsTable {
  id: Generated<string>;
  tenant_id: string;
  resource_type: string;
  name: string;
  creator_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TagsDatabase {
  tags: TagsTable;
}

export type TagRow = Selectable<TagsTable>;
export const TAG_SORT_COLUMNS = ['id', 'name', 'created_at', 'updated_at'] as const;
type Trx = Transaction<TagsDatabase>;

export interface TagQuery {
  ids: string[];
  resourceType?: string;
  name?: string;
  creatorId?: string;
  sort: { column: (typeof TAG_SORT_COLUMNS)[number]; descending: boolean }[];
  limit: number;
  offset: number;
}

/** The only SQL about the tag list (records keep their own tags; the services retag them). */
@Injectable()
export class TagsRepository {
  /** Inserts a tag, or answers undefined when its type has one of that name already. */
  async insert(trx: Trx, row: Omit<TagsTable, 'id' | 'created_at' | 'updated_at'>): Promise<TagRow | undefined> {
    return trx.insertInto('tags').values(row).onConflict((c) => c.constraint('tags_name_unique').doNothing()).returningAll().executeTakeFirst();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<TagRow | undefined> {
    const q = trx.selectFrom('tags').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  async exists(trx: Trx, resourceType: string, name: string): Promise<boolean> {
    return (await trx.selectFrom('tags').select('id').where('resource_type', '=', resourceType).where('name', '=', name).executeTakeFirst()) !== undefined;
  }

  async rename(trx: Trx, id: string, name: string): Promise<TagRow> {
    return trx.updateTable('tags').set({ name, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('tags').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: TagQuery): Promise<TagRow[]> {
    let query = this.filtered(trx, q).selectAll();
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(q.limit).offset(q.offset).execute();
  }

  async count(trx: Trx, q: TagQuery): Promise<number> {
    return Number((await this.filtered(trx, q).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  }

  private filtered(trx: Trx, q: TagQuery) {
    let query = trx.selectFrom('tags');
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
    if (q.name !== undefined) query = query.where('name', '=', q.name);
    if (q.creatorId) query = query.where('creator_id', '=', q.creatorId);
    return query;
  }
}
