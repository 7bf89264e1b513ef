import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction, isUniqueViolation } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { DATABASE } from '../deals-pipelines.constants';
import type { DealRow } from '../deals/deals.repository';
import { DealsService } from '../deals/deals.service';
import { amountText, orderTotal, parsePercent } from '../money/money';
import { ProductsService } from '../products/products.service';
import { priceLineItem } from './line-item-rules';
import { LINE_ITEM_SORT_COLUMNS, ORDER_SORT_COLUMNS, OrdersRepository, type LineItemRow, type OrderRow } from './orders.repository';
import type { Trx, Database } from '../database';

type Order = crm.deals.v1.Order;
type LineItem = crm.deals.v1.LineItem;

const toOrder = (r: OrderRow): Order => ({ id: r.id, dealId: r.deal_id, discount: r.discount, createdAt: r.created_at, updatedAt: r.updated_at });
const toLineItem = (r: LineItemRow): LineItem => ({
  id: r.id, orderId: r.order_id, productId: r.product_id ?? undefined, name: r.name, sku: r.sku ?? undefined, description: r.description ?? undefined,
  currency: r.currency, price: r.price, variation: r.variation, value: r.value, quantity: r.quantity, createdAt: r.created_at, updatedAt: r.updated_at,
});

function invalid(resource: 'order' | 'line_item', violations: FieldViolation[]): DomainError {
  return new DomainError(resource === 'order' ? 'INVALID_ORDER' : 'INVALID_LINE_ITEM', ErrorKind.InvalidArgument, describeViolations(violations), { resource, violations });
}

function notFound(resource: 'order' | 'line_item', id: string): DomainError {
  return new DomainError(resource === 'order' ? 'ORDER_NOT_FOUND' : 'LINE_ITEM_NOT_FOUND', ErrorKind.NotFound, `${resource} ${id} not found`, { resource });
}

function sortOf<C extends string>(columns: readonly C[], sort: { field: string; descending: boolean }[], resource: 'order' | 'line_item') {
  return sort.map((s) => {
    if (!(columns as readonly string[]).includes(s.field)) throw invalid(resource, [{ field: 'sort_by', code: 'incorrect_value', message: `cannot sort by ${s.field}` }]);
    return { column: s.field as C, descending: s.descending };
  });
}

/**
 * Orders (one per deal) and their line items, visible and changeable exactly when the deal is.
 * The deal's value follows its order: Σ line values × quantities less the order discount.
 */
@Injectable()
export class OrdersService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly orders: OrdersRepository,
    private readonly deals: DealsService,
    private readonly products: ProductsService,
  ) {}

  async create(principal: Principal, dealId: string, rawDiscount: string | undefined): Promise<Order> {
    const discount = this.discount(rawDiscount);
    return this.inTenant(principal, async (trx) => {
      await this.deals.visibleDeal(trx, principal, dealId, true);
      const row = await this.orders.insert(trx, principal.tenantId, dealId, discount).catch((e: unknown) => {
        if (isUniqueViolation(e)) throw invalid('order', [{ field: 'deal_id', code: 'already_exists', message: 'the deal already has an order' }]);
        throw e;
      });
      const order = toOrder(row);
      await appendToOutbox(trx, buildEvent({ kind: 'orderCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, row.id), payload: { order } }));
      return order;
    });
  }

  async get(principal: Principal, id: string): Promise<Order> {
    return this.inTenant(principal, async (trx) => toOrder((await this.visibleOrder(trx, principal, id)).order));
  }

  async update(principal: Principal, id: string, rawDiscount: string | undefined): Promise<Order> {
    return this.inTenant(principal, async (trx) => {
      const { order, deal } = await this.visibleOrder(trx, principal, id, true);
      if (rawDiscount === undefined) return toOrder(order);
      const discount = this.discount(rawDiscount);
      if (Number(discount) === Number(order.discount)) return toOrder(order);
      const row = await this.orders.setDiscount(trx, id, discount);
      await appendToOutbox(trx, buildEvent({ kind: 'orderUpdated', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { order: toOrder(row) } }));
      await this.settleDealValue(trx, principal, deal, row);
      return toOrder(row);
    });
  }

  /** Deletes an order with its line items; the deal keeps the value it has. */
  async delete(principal: Principal, id: string): Promise<void> {
    await this.inTenant(principal, async (trx) => {
      const { order } = await this.visibleOrder(trx, principal, id, true);
      await this.orders.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: 'orderDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { id, dealId: order.deal_id } }));
    });
  }

  async list(principal: Principal, q: { page: number; perPage: number; ids: string[]; dealId?: string; sort: { field: string; descending: boolean }[] }): Promise<Order[]> {
    const sort = sortOf(ORDER_SORT_COLUMNS, q.sort, 'order');
    return this.inTenant(principal, async (trx) =>
      (await this.orders.list(trx, { ids: q.ids, ...(q.dealId ? { dealId: q.dealId } : {}), ownerIds: principal.visibleOwnerIds, userId: principal.userId, sort, limit: q.perPage, offset: (q.page - 1) * q.perPage })).map(toOrder),
    );
  }

  async addLineItem(principal: Principal, orderId: string, request: { productId: string; variation?: string; currency?: string; quantity?: number; value?: string }): Promise<LineItem> {
    return this.inTenant(principal, async (trx) => {
      const { order, deal } = await this.visibleOrder(trx, principal, orderId, true);
      const product = await this.products.find(trx, request.productId);
      if (!product) throw invalid('line_item', [{ field: 'product_id', code: 'incorrect_value', message: 'is not a product of this account' }]);
      const priced = priceLineItem(product, deal.currency, request);
      if ('violations' in priced) throw invalid('line_item', priced.violations);
      const row = await this.orders.insertLineItem(trx, {
        ...priced.item, tenant_id: principal.tenantId, order_id: orderId, product_id: product.id, name: product.name, sku: product.sku, description: product.description,
      });
      const lineItem = toLineItem(row);
      await appendToOutbox(trx, buildEvent({ kind: 'lineItemAdded', tenantId: principal.tenantId, aggregateId: orderId, subject: subject(principal.tenantId, orderId), payload: { lineItem, dealId: deal.id } }));
      await this.settleDealValue(trx, principal, deal, order);
      return lineItem;
    });
  }

  async getLineItem(principal: Principal, orderId: string, id: string): Promise<LineItem> {
    return this.inTenant(principal, async (trx) => {
      await this.visibleOrder(trx, principal, orderId);
      const row = await this.orders.findLineItem(trx, orderId, id);
      if (!row) throw notFound('line_item', id);
      return toLineItem(row);
    });
  }

  async removeLineItem(principal: Principal, orderId: string, id: string): Promise<void> {
    await this.inTenant(principal, async (trx) => {
      const { order, deal } = await this.visibleOrder(trx, principal, orderId, true);
      const row = await this.orders.findLineItem(trx, orderId, id);
      if (!row) throw notFound('line_item', id);
      await this.orders.deleteLineItem(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: 'lineItemRemoved', tenantId: principal.tenantId, aggregateId: orderId, subject: subject(principal.tenantId, orderId), payload: { lineItem: toLineItem(row), dealId: deal.id } }));
      await this.settleDealValue(trx, principal, deal, order);
    });
  }

  async listLineItems(principal: Principal, orderId: string, q: { page: number; perPage: number; ids: string[]; quantity?: number; value?: string; sort: { field: string; descending: boolean }[] }): Promise<LineItem[]> {
    const sort = sortOf(LINE_ITEM_SORT_COLUMNS, q.sort, 'line_item');
    return this.inTenant(principal, async (trx) => {
      await this.visibleOrder(trx, principal, orderId);
      const { page, perPage, ...filters } = q;
      return (await this.orders.listLineItems(trx, orderId, { ...filters, sort, limit: perPage, offset: (page - 1) * perPage })).map(toLineItem);
    });
  }

  /**
   * The deal's value becomes its order's total (the order as it now is), through the deal's own
   * update rules and events. Only items in the deal's currency count: the CRM keeps no exchange
   * rates, so an item in another currency stays on the order with its own price and value.
   */
  private async settleDealValue(trx: Trx, principal: Principal, deal: DealRow, order: OrderRow): Promise<void> {
    const items = (await this.orders.allLineItems(trx, order.id)).filter((i) => i.currency === deal.currency);
    const total = orderTotal(items, order.discount);
    await this.deals.updateIn(trx, principal, deal, { value: amountText(total), tags: [] }, ['value']);
  }

  private async visibleOrder(trx: Trx, principal: Principal, id: string, forUpdate = false): Promise<{ order: OrderRow; deal: DealRow }> {
    const order = await this.orders.find(trx, id, forUpdate);
    if (!order) throw notFound('order', id);
    try {
      return { order, deal: await this.deals.visibleDeal(trx, principal, order.deal_id, forUpdate) };
    } catch {
      throw notFound('order', id);
    }
  }

  private discount(raw: string | undefined): string {
    if (raw === undefined) return '0';
    const violations: FieldViolation[] = [];
    const pct = parsePercent('discount', raw, violations);
    if (!pct || pct.isNegative() || pct.greaterThan(100)) throw invalid('order', violations.length > 0 ? violations : [{ field: 'discount', code: 'incorrect_value', message: 'must be a percentage from 0 to 100' }]);
    return pct.toString();
  }

  private inTenant<T>(principal: Principal, fn: (trx: Trx) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.db, principal.tenantId, fn);
  }

}

function subject(tenantId: string, id: string): string {
  return `tenants/${tenantId}/orders/${id}`;
}
