import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DealsMessage as Req } from '@crm/proto';
import { OrdersService } from './orders.service';

const sorting = (sort: { field: string; descending: boolean }[]) => sort.map((s) => ({ field: s.field, descending: s.descending }));

/** gRPC transport of orders and line items: translation only. */
@Injectable()
@GrpcService(crm.deals.v1.OrdersServiceService)
export class OrdersGrpcController implements AsyncService<crm.deals.v1.OrdersServiceServer> {
  constructor(private readonly orders: OrdersService) {}

  async createOrder(request: Req<'CreateOrderRequest'>, ctx: CallContext) {
    return { order: await this.orders.create(ctx.principal, request.dealId, request.discount) };
  }

  async getOrder(request: Req<'GetOrderRequest'>, ctx: CallContext) {
    return { order: await this.orders.get(ctx.principal, request.id) };
  }

  async updateOrder(request: Req<'UpdateOrderRequest'>, ctx: CallContext) {
    return { order: await this.orders.update(ctx.principal, request.id, request.discount) };
  }

  async deleteOrder(request: Req<'DeleteOrderRequest'>, ctx: CallContext) {
    await this.orders.delete(ctx.principal, request.id);
    return {};
  }

  async listOrders(request: Req<'ListOrdersRequest'>, ctx: CallContext) {
    return { orders: await this.orders.list(ctx.principal, { ...pageOf(request.page), ids: request.ids, ...(request.dealId !== undefined ? { dealId: request.dealId } : {}), sort: sorting(request.sort) }) };
  }

  async addLineItem(request: Req<'AddLineItemRequest'>, ctx: CallContext) {
    const { orderId, productId, variation, currency, quantity, value } = request;
    return { lineItem: await this.orders.addLineItem(ctx.principal, orderId, { productId, variation, currency, quantity, value }) };
  }

  async getLineItem(request: Req<'GetLineItemRequest'>, ctx: CallContext) {
    return { lineItem: await this.orders.getLineItem(ctx.principal, request.orderId, request.id) };
  }

  async removeLineItem(request: Req<'RemoveLineItemRequest'>, ctx: CallContext) {
    await this.orders.removeLineItem(ctx.principal, request.orderId, request.id);
    return {};
  }

  async listLineItems(request: Req<'ListLineItemsRequest'>, ctx: CallContext) {
    const lineItems = await this.orders.listLineItems(ctx.principal, request.orderId, {
      ...pageOf(request.page),
      ids: request.ids,
      ...(request.quantity !== undefined ? { quantity: request.quantity } : {}),
      ...(request.value !== undefined ? { value: request.value } : {}),
      sort: sorting(request.sort),
    });
    return { lineItems };
  }
}
