import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { ORDERS_CLIENT } from '../deals-pipelines.constants';
import { int32, parseSellBody, pathId, sellDecimal, sellId } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../../sell/sell-error';
import { sellAmount, sellIdOrNull, sellTime } from '../../../sell/sell-record';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { Upstream } from '../../../upstream';

const ignored = z.unknown().optional();
const readOnly = { id: ignored, created_at: ignored, updated_at: ignored };

export const OrderCreate = z.strictObject({ deal_id: sellId, discount: sellDecimal.nullable().optional(), ...readOnly });
export const OrderUpdate = z.strictObject({ discount: sellDecimal.nullable().optional(), deal_id: ignored, ...readOnly });
export const LineItemCreate = z.strictObject({
  product_id: sellId,
  variation: sellDecimal.nullable().optional(),
  currency: z.string().max(3).nullable().optional(),
  quantity: int32.nullable().optional(),
  value: sellDecimal.nullable().optional(),
  ...readOnly,
  order_id: ignored,
  price: ignored,
  name: ignored,
  sku: ignored,
  description: ignored,
});

export const ORDER_SORT_FIELDS = ['id', 'deal_id', 'created_at', 'updated_at'] as const;
export const LINE_ITEM_SORT_FIELDS = ['id', 'value', 'quantity', 'created_at', 'updated_at'] as const;

const presentOrder = (o: crm.deals.v1.Order) => ({ id: Number(o.id), deal_id: Number(o.dealId), discount: Number(o.discount), created_at: sellTime(o.createdAt), updated_at: sellTime(o.updatedAt) });
const presentLineItem = (l: crm.deals.v1.LineItem) => ({
  id: Number(l.id),
  order_id: Number(l.orderId),
  product_id: sellIdOrNull(l.productId),
  name: l.name,
  sku: l.sku ?? null,
  description: l.description ?? null,
  currency: l.currency,
  price: sellAmount(l.price),
  variation: Number(l.variation),
  value: sellAmount(l.value),
  quantity: l.quantity,
  created_at: sellTime(l.createdAt),
  updated_at: sellTime(l.updatedAt),
});

/** Sell `/v2/orders` (one per deal) and `/v2/orders/{id}/line_items` (no update, as in Sell). */
@Controller('v2/orders')
export class OrdersHttpController {
  constructor(
    @Inject(ORDERS_CLIENT) private readonly client: crm.deals.v1.OrdersServiceClient,
    private readonly upstream: Upstream,
  ) {}


  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = { page: { page, perPage }, ids: q.ids('ids') ?? [], dealId: q.id('deal_id'), sort: q.sort('sort_by', ORDER_SORT_FIELDS) };
    q.assertNoUnknown();
    const { orders } = await this.upstream.call(this.client, this.client.listOrders, request, principal).catch(asQueryError);
    return collection('order', orders.map((o) => ({ data: presentOrder(o) })), pageLinks('/v2/orders', q.normalised(), page, perPage, orders.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, OrderCreate, 'order');
    const { order } = await this.upstream.call(this.client, this.client.createOrder, { dealId: data.deal_id, discount: data.discount ?? undefined }, principal);
    return single('order', presentOrder(order!));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { order } = await this.upstream.call(this.client, this.client.getOrder, { id: pathId(id, 'order') }, principal);
    return single('order', presentOrder(order!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'order');
    const data = parseSellBody(body, OrderUpdate, 'order');
    const discount = data.discount === null ? '0' : data.discount;
    const { order } = await this.upstream.call(this.client, this.client.updateOrder, { id: valid, discount }, principal);
    return single('order', presentOrder(order!));
  }

  /** Deletes the order and its line items (204 also when it still has some, as Sell answers). */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteOrder, { id: pathId(id, 'order') }, principal);
  }

  @Get(':orderId/line_items')
  async listLineItems(@CurrentPrincipal() principal: Principal, @Param('orderId') orderId: string, @Query() raw: RawQuery) {
    const valid = pathId(orderId, 'order');
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const quantity = q.string('quantity');
    if (quantity !== undefined && !/^[1-9][0-9]{0,6}$/.test(quantity)) throw SellHttpError.invalidParam('quantity', `must be a positive integer, given: ${quantity}`);
    const value = q.string('value');
    if (value !== undefined && !/^\d{1,15}(\.\d{1,2})?$/.test(value)) throw SellHttpError.invalidParam('value', `must be a decimal amount, given: ${value}`);
    const request = { orderId: valid, page: { page, perPage }, ids: q.ids('ids') ?? [], quantity: quantity === undefined ? undefined : Number(quantity), value, sort: q.sort('sort_by', LINE_ITEM_SORT_FIELDS) };
    q.assertNoUnknown();
    const { lineItems } = await this.upstream.call(this.client, this.client.listLineItems, request, principal).catch(asQueryError);
    return collection('line_item', lineItems.map((l) => ({ data: presentLineItem(l) })), pageLinks(`/v2/orders/${valid}/line_items`, q.normalised(), page, perPage, lineItems.length === perPage));
  }

  @Post(':orderId/line_items')
  @HttpCode(200)
  async addLineItem(@CurrentPrincipal() principal: Principal, @Param('orderId') orderId: string, @Body() body: unknown) {
    const valid = pathId(orderId, 'order');
    const data = parseSellBody(body, LineItemCreate, 'line_item');
    const request = { orderId: valid, productId: data.product_id, variation: data.variation ?? undefined, currency: data.currency ?? undefined, quantity: data.quantity ?? undefined, value: data.value ?? undefined };
    const { lineItem } = await this.upstream.call(this.client, this.client.addLineItem, request, principal);
    return single('line_item', presentLineItem(lineItem!));
  }

  @Get(':orderId/line_items/:id')
  async getLineItem(@CurrentPrincipal() principal: Principal, @Param('orderId') orderId: string, @Param('id') id: string) {
    const { lineItem } = await this.upstream.call(this.client, this.client.getLineItem, { orderId: pathId(orderId, 'order'), id: pathId(id, 'line_item') }, principal);
    return single('line_item', presentLineItem(lineItem!));
  }

  @Delete(':orderId/line_items/:id')
  @HttpCode(204)
  async removeLineItem(@CurrentPrincipal() principal: Principal, @Param('orderId') orderId: string, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.removeLineItem, { orderId: pathId(orderId, 'order'), id: pathId(id, 'line_item') }, principal);
  }
}
