import { Injectable } from '@nestjs/common';
import { sql, type Generated, type JSONColumnType, type Selectable } from 'kysely';
import type { ProductFields } from './product-input';
import type { Trx } from '../database';

export interface ProductsTable extends Omit<ProductFields, 'prices'> {
  /** Written as JSON text, read back as the list. */
  prices: JSONColumnType<ProductFields['prices']>;
  id: Generated<string>;
  tenant_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProductsTables {
  products: ProductsTable;
}

export type ProductRow = Selectable<ProductsTable>;
export const PRODUCT_SORT_COLUMNS = ['id', 'name', 'sku', 'created_at', 'updated_at'] as const;
export type ProductSortColumn = (typeof PRODUCT_SORT_COLUMNS)[number];

const stored = (f: ProductFields) => ({ ...f, prices: JSON.stringify(f.prices) });

/** The only SQL about products; runs inside tenant transactions (row-level security). */
@Injectable()
export class ProductsRepository {
  async insert(trx: Trx, tenantId: string, fields: ProductFields): Promise<ProductRow> {
    return trx.insertInto('products').values({ ...stored(fields), tenant_id: tenantId }).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<ProductRow | undefined> {
    const q = trx.selectFrom('products').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  async update(trx: Trx, id: string, fields: ProductFields): Promise<ProductRow> {
    return trx.updateTable('products').set({ ...stored(fields), updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('products').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: { ids: string[]; name?: string; sku?: string; active?: boolean; sort: { column: ProductSortColumn; descending: boolean }[]; limit: number; offset: number }): Promise<ProductRow[]> {
    let query = trx.selectFrom('products').selectAll();
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.name !== undefined) query = query.where('name', '=', q.name);
    if (q.sku !== undefined) query = query.where(sql`lower(sku)`, '=', q.sku.toLowerCase());
    if (q.active !== undefined) query = query.where('active', '=', q.active);
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(q.limit).offset(q.offset).execute();
  }
}
