import { Injectable } from '@nestjs/common';
import { collaboratesOn } from '@crm/records';
import { sql, type Generated, type Selectable } from 'kysely';
import type { PricedLineItem } from './line-item-rules';
import type { Trx } from '../database';

export interface OrdersTable {
  id: Generated<string>;
  tenant_id: string;
  deal_id: string;
  discount: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LineItemsTable extends PricedLineItem {
  id: Generated<string>;
  tenant_id: string;
  order_id: string;
  product_id: string | null;
  name: string;
  sku: string | null;
  description: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrdersTables {
  orders: OrdersTable;
  line_items: LineItemsTable;
}

export type OrderRow = Selectable<OrdersTable>;
export type LineItemRow = Selectable<LineItemsTable>;
export const ORDER_SORT_COLUMNS = ['id', 'deal_id', 'created_at', 'updated_at'] as const;
export const LINE_ITEM_SORT_COLUMNS = ['id', 'value', 'quantity', 'created_at', 'updated_at'] as const;
type Sort<C> = { column: C; descending: boolean }[];

/** The only SQL about orders and line items; runs inside tenant transactions (row-level security). */
@Injectable()
export class OrdersRepository {
  async insert(trx: Trx, tenantId: string, dealId: string, discount: string): Promise<OrderRow> {
    return trx.insertInto('orders').values({ tenant_id: tenantId, deal_id: dealId, discount }).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<OrderRow | undefined> {
    const q = trx.selectFrom('orders').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  async setDiscount(trx: Trx, id: string, discount: string): Promise<OrderRow> {
    return trx.updateTable('orders').set({ discount, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('orders').where('id', '=', id).execute();
  }

  /** Orders of deals owned by `ownerIds` ('all': any deal) or that `userId` collaborates on. */
  async list(trx: Trx, q: { ids: string[]; dealId?: string; ownerIds: readonly string[] | 'all'; userId: string; sort: Sort<(typeof ORDER_SORT_COLUMNS)[number]>; limit: number; offset: number }): Promise<OrderRow[]> {
    let query = trx.selectFrom('orders').selectAll('orders');
    if (q.ownerIds !== 'all') {
      const owners = q.ownerIds.length > 0 ? [...q.ownerIds] : ['0'];
      query = query.where(sql<boolean>`exists (select 1 from deals d where d.id = orders.deal_id and (d.owner_id in (${sql.join(owners)}) or ${collaboratesOn(q.userId, 'deal', sql.ref('d.id'))}))`);
    }
    if (q.ids.length > 0) query = query.where('orders.id', 'in', q.ids);
    if (q.dealId !== undefined) query = query.where('orders.deal_id', '=', q.dealId);
    for (const s of q.sort) query = query.orderBy(`orders.${s.column}`, s.descending ? 'desc' : 'asc');
    return query.orderBy('orders.id').limit(q.limit).offset(q.offset).execute();
  }

  async insertLineItem(trx: Trx, row: Omit<LineItemsTable, 'id' | 'created_at' | 'updated_at'>): Promise<LineItemRow> {
    return trx.insertInto('line_items').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async findLineItem(trx: Trx, orderId: string, id: string): Promise<LineItemRow | undefined> {
    return trx.selectFrom('line_items').selectAll().where('order_id', '=', orderId).where('id', '=', id).executeTakeFirst();
  }

  async deleteLineItem(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('line_items').where('id', '=', id).execute();
  }

  async allLineItems(trx: Trx, orderId: string): Promise<LineItemRow[]> {
    return trx.selectFrom('line_items').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  }

  async listLineItems(trx: Trx, orderId: string, q: { ids: string[]; quantity?: number; value?: string; sort: Sort<(typeof LINE_ITEM_SORT_COLUMNS)[number]>; limit: number; offset: number }): Promise<LineItemRow[]> {
    let query = trx.selectFrom('line_items').selectAll().where('order_id', '=', orderId);
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.quantity !== undefined) query = query.where('quantity', '=', q.quantity);
    if (q.value !== undefined) query = query.where('value', '=', q.value);
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    return query.orderBy('id').limit(q.limit).offset(q.offset).execute();
  }
}
