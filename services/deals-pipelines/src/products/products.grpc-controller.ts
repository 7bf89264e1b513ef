import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DealsMessage as Req } from '@crm/proto';
import { ProductsService } from './products.service';

/** gRPC transport of products: translation only. */
@Injectable()
@GrpcService(crm.deals.v1.ProductsServiceService)
export class ProductsGrpcController implements AsyncService<crm.deals.v1.ProductsServiceServer> {
  constructor(private readonly products: ProductsService) {}

  async createProduct(request: Req<'CreateProductRequest'>, ctx: CallContext) {
    return { product: await this.products.create(ctx.principal, request.product ?? { prices: [] }, request.mask ?? []) };
  }

  async getProduct(request: Req<'GetProductRequest'>, ctx: CallContext) {
    return { product: await this.products.get(ctx.principal, request.id) };
  }

  async updateProduct(request: Req<'UpdateProductRequest'>, ctx: CallContext) {
    return { product: await this.products.update(ctx.principal, request.id, request.product ?? { prices: [] }, request.updateMask ?? []) };
  }

  async deleteProduct(request: Req<'DeleteProductRequest'>, ctx: CallContext) {
    await this.products.delete(ctx.principal, request.id);
    return {};
  }

  async listProducts(request: Req<'ListProductsRequest'>, ctx: CallContext) {
    const products = await this.products.list(ctx.principal, {
      ...pageOf(request.page),
      ids: request.ids,
      ...(request.name !== undefined ? { name: request.name } : {}),
      ...(request.sku !== undefined ? { sku: request.sku } : {}),
      ...(request.active !== undefined ? { active: request.active } : {}),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { products };
  }
}
