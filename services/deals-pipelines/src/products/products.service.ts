import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { DATABASE } from '../deals-pipelines.constants';
import { applyProductInput, EMPTY_PRODUCT, type ProductFields } from './product-input';
import { PRODUCT_SORT_COLUMNS, ProductsRepository, type ProductRow, type ProductSortColumn } from './products.repository';
import type { Database } from '../database';

type Product = crm.deals.v1.Product;

export class ProductsError {
  static invalid(violations: FieldViolation[]): DomainError {
    return new DomainError('INVALID_PRODUCT', ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'product', violations });
  }

  static notFound(id: string): DomainError {
    return new DomainError('PRODUCT_NOT_FOUND', ErrorKind.NotFound, `product ${id} not found`, { resource: 'product' });
  }

  static adminOnly(): DomainError {
    return new DomainError('PRODUCTS_ADMIN_ONLY', ErrorKind.PermissionDenied, 'only admins change products', { resource: 'product' });
  }
}

/** A product as the caller may see it: costs are for admins only. */
export function toProduct(row: ProductRow, principal: Principal): Product {
  const admin = principal.role === 'admin';
  return {
    id: row.id,
    name: row.name,
    sku: row.sku ?? undefined,
    description: row.description ?? undefined,
    active: row.active,
    maxDiscount: row.max_discount ?? undefined,
    maxMarkup: row.max_markup ?? undefined,
    cost: admin ? (row.cost ?? undefined) : undefined,
    costCurrency: admin ? (row.cost_currency ?? undefined) : undefined,
    prices: row.prices,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The product catalogue: everyone reads it, admins change it. Events carry the admin view. */
@Injectable()
export class ProductsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly products: ProductsRepository,
  ) {}

  async create(principal: Principal, input: crm.deals.v1.ProductInput, paths: readonly string[]): Promise<Product> {
    this.assertAdmin(principal);
    const fields = this.apply(EMPTY_PRODUCT, input, paths);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.products.insert(trx, principal.tenantId, fields);
      const product = toProduct(row, principal);
      await appendToOutbox(trx, buildEvent({ kind: 'productCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, row.id), payload: { product } }));
      return product;
    });
  }

  async get(principal: Principal, id: string): Promise<Product> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.products.find(trx, id);
      if (!row) throw ProductsError.notFound(id);
      return toProduct(row, principal);
    });
  }

  async update(principal: Principal, id: string, input: crm.deals.v1.ProductInput, paths: readonly string[]): Promise<Product> {
    this.assertAdmin(principal);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const before = await this.products.find(trx, id, true);
      if (!before) throw ProductsError.notFound(id);
      const fields = this.apply(before, input, paths);
      if (JSON.stringify(fields) === JSON.stringify(this.fieldsOf(before))) return toProduct(before, principal);
      const row = await this.products.update(trx, id, fields);
      const product = toProduct(row, principal);
      await appendToOutbox(trx, buildEvent({ kind: 'productUpdated', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { product } }));
      return product;
    });
  }

  /** Deletes a product; line items already sold keep their copy of it. */
  async delete(principal: Principal, id: string): Promise<void> {
    this.assertAdmin(principal);
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      if (!(await this.products.find(trx, id, true))) throw ProductsError.notFound(id);
      await this.products.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: 'productDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { id } }));
    });
  }

  async list(principal: Principal, q: { page: number; perPage: number; ids: string[]; name?: string; sku?: string; active?: boolean; sort: { field: string; descending: boolean }[] }): Promise<Product[]> {
    const sort = q.sort.map((s) => {
      if (!(PRODUCT_SORT_COLUMNS as readonly string[]).includes(s.field)) throw ProductsError.invalid([{ field: 'sort_by', code: 'incorrect_value', message: `cannot sort by ${s.field}` }]);
      return { column: s.field as ProductSortColumn, descending: s.descending };
    });
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const rows = await this.products.list(trx, { ...q, sort, limit: q.perPage, offset: (q.page - 1) * q.perPage });
      return rows.map((r) => toProduct(r, principal));
    });
  }

  /** The product of a line item, inside the caller's transaction. */
  async find(trx: Parameters<ProductsRepository['find']>[0], id: string): Promise<ProductRow | undefined> {
    return this.products.find(trx, id);
  }

  private apply(current: ProductFields, input: crm.deals.v1.ProductInput, paths: readonly string[]): ProductFields {
    const r = applyProductInput(this.fieldsOf(current), input, paths);
    if ('violations' in r) throw ProductsError.invalid(r.violations);
    return r.fields;
  }

  private fieldsOf(row: ProductFields): ProductFields {
    const { name, sku, description, active, max_discount, max_markup, cost, cost_currency, prices } = row;
    return { name, sku, description, active, max_discount, max_markup, cost, cost_currency, prices };
  }

  private assertAdmin(principal: Principal): void {
    if (principal.role !== 'admin') throw ProductsError.adminOnly();
  }
}

function subject(tenantId: string, id: string): string {
  return `tenants/${tenantId}/products/${id}`;
}
