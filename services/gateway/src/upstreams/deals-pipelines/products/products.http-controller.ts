import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { PRODUCTS_CLIENT } from '../deals-pipelines.constants';
import { parseSellBody, pathId, sellDecimal } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError } from '../../../sell/sell-error';
import { sellAmount, sellTime } from '../../../sell/sell-record';
import { toRecordInput } from '../../../sell/sell-record-input';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { Upstream } from '../../../upstream';

const ignored = z.unknown().optional();

export const ProductWrite = z.strictObject({
  name: z.string().max(255).nullable().optional(),
  sku: z.string().max(255).nullable().optional(),
  description: z.string().max(65_535).nullable().optional(),
  active: z.boolean().nullable().optional(),
  max_discount: sellDecimal.nullable().optional(),
  max_markup: sellDecimal.nullable().optional(),
  cost: sellDecimal.nullable().optional(),
  cost_currency: z.string().max(3).nullable().optional(),
  prices: z.array(z.strictObject({ amount: sellDecimal, currency: z.string().max(3) })).max(50).nullable().optional(),
  id: ignored,
  created_at: ignored,
  updated_at: ignored,
});

export const PRODUCT_SORT_FIELDS = ['id', 'name', 'sku', 'created_at', 'updated_at'] as const;

/** Percentages read as JSON numbers (10, 2.5), as Sell shows them. */
const percentOrNull = (v: string | undefined) => (v === undefined ? null : Number(v));

export function presentProduct(p: crm.deals.v1.Product) {
  return {
    id: Number(p.id),
    name: p.name,
    sku: p.sku ?? null,
    description: p.description ?? null,
    active: p.active,
    max_discount: percentOrNull(p.maxDiscount),
    max_markup: percentOrNull(p.maxMarkup),
    cost: p.cost === undefined ? null : sellAmount(p.cost),
    cost_currency: p.costCurrency ?? null,
    prices: p.prices.map((x) => ({ amount: sellAmount(x.amount), currency: x.currency })),
    created_at: sellTime(p.createdAt),
    updated_at: sellTime(p.updatedAt),
  };
}

function toProductInput(data: z.infer<typeof ProductWrite>, mode: 'create' | 'update') {
  const { input, paths } = toRecordInput(data, mode);
  const prices = (data.prices ?? []).map((p) => ({ amount: p.amount, currency: p.currency }));
  return { input: { ...input, prices } as unknown as crm.deals.v1.ProductInput, paths };
}

/** Sell `/v2/products`: everyone reads the catalogue, admins change it and see costs. */
@Controller('v2/products')
export class ProductsHttpController {
  constructor(
    @Inject(PRODUCTS_CLIENT) private readonly client: crm.deals.v1.ProductsServiceClient,
    private readonly upstream: Upstream,
  ) {}


  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = { page: { page, perPage }, ids: q.ids('ids') ?? [], name: q.string('name'), sku: q.string('sku'), active: q.bool('active'), sort: q.sort('sort_by', PRODUCT_SORT_FIELDS) };
    q.assertNoUnknown();
    const { products } = await this.upstream.call(this.client, this.client.listProducts, request, principal).catch(asQueryError);
    return collection('product', products.map((p) => ({ data: presentProduct(p) })), pageLinks('/v2/products', q.normalised(), page, perPage, products.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { input, paths } = toProductInput(parseSellBody(body, ProductWrite, 'product'), 'create');
    const { product } = await this.upstream.call(this.client, this.client.createProduct, { product: input, mask: paths }, principal);
    return single('product', presentProduct(product!));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { product } = await this.upstream.call(this.client, this.client.getProduct, { id: pathId(id, 'product') }, principal);
    return single('product', presentProduct(product!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'product');
    const { input, paths } = toProductInput(parseSellBody(body, ProductWrite, 'product'), 'update');
    const { product } = await this.upstream.call(this.client, this.client.updateProduct, { id: valid, product: input, updateMask: paths }, principal);
    return single('product', presentProduct(product!));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteProduct, { id: pathId(id, 'product') }, principal);
  }
}
