import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable, type Transaction } from 'kysely';
import { narrowTo } from '@crm/db-pg';
import type { ListName } from './reference-list';

export interface ReferenceItemsTable {
  id: Generated<string>;
  tenant_id: string;
  list: ListName;
  name: string;
  creator_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TenantDefaultsTable {
  tenant_id: string;
  applied_at: Generated<Date>;
}

export interface ReferenceListsDatabase {
  reference_items: ReferenceItemsTable;
  tenant_defaults: TenantDefaultsTable;
}

export type ReferenceItemRow = Selectable<ReferenceItemsTable>;
export const REFERENCE_SORT_COLUMNS = ['id', 'name', 'created_at', 'updated_at'] as const;
export type ReferenceSortColumn = (typeof REFERENCE_SORT_COLUMNS)[number];

type Trx = Transaction<ReferenceListsDatabase>;

/** A service transaction seen over the reference-list tables. */
export const referenceListTables = narrowTo<ReferenceListsDatabase>();

/** The only SQL about reference lists; runs inside tenant transactions (row-level security). */
@Injectable()
export class ReferenceItemsRepository {
  /** Marks the tenant's defaults as applied; true only for the one call that did it. */
  async claimDefaults(trx: Trx, tenantId: string): Promise<boolean> {
    const r = await trx.insertInto('tenant_defaults').values({ tenant_id: tenantId }).onConflict((oc) => oc.column('tenant_id').doNothing()).returning('tenant_id').executeTakeFirst();
    return r !== undefined;
  }

  async insert(trx: Trx, tenantId: string, list: ListName, name: string, creatorId: string | null): Promise<ReferenceItemRow> {
    return trx.insertInto('reference_items').values({ tenant_id: tenantId, list, name, creator_id: creatorId }).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, list: ListName, id: string, forUpdate = false): Promise<ReferenceItemRow | undefined> {
    const q = trx.selectFrom('reference_items').selectAll().where('list', '=', list).where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  /** Which of these ids are items of the list. */
  async existingIds(trx: Trx, list: ListName, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await trx.selectFrom('reference_items').select('id').where('list', '=', list).where('id', 'in', [...new Set(ids)]).execute();
    return new Set(rows.map((r) => String(r.id)));
  }

  async rename(trx: Trx, id: string, name: string): Promise<ReferenceItemRow> {
    return trx.updateTable('reference_items').set({ name, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('reference_items').where('id', '=', id).execute();
  }

  async list(trx: Trx, list: ListName, q: { ids?: string[]; name?: string; sort: { column: ReferenceSortColumn; descending: boolean }[]; limit: number; offset: number }): Promise<ReferenceItemRow[]> {
    let query = trx.selectFrom('reference_items').selectAll().where('list', '=', list);
    if (q.ids && q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.name !== undefined) query = query.where('name', '=', q.name);
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(q.limit).offset(q.offset).execute();
  }
}
