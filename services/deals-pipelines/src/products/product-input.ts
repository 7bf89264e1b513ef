/** Pure rules of product attributes: validation and the stored form. */
import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import { amountText, checkCurrency, parseAmount, parsePercent } from '../money/money';

export interface ProductFields {
  name: string;
  sku: string | null;
  description: string | null;
  active: boolean;
  max_discount: string | null;
  max_markup: string | null;
  cost: string | null;
  cost_currency: string | null;
  prices: { amount: string; currency: string }[];
}

export const PRODUCT_PATHS: ReadonlySet<string> = new Set(['name', 'sku', 'description', 'active', 'max_discount', 'max_markup', 'cost', 'cost_currency', 'prices']);

export const EMPTY_PRODUCT: ProductFields = { name: '', sku: null, description: null, active: true, max_discount: null, max_markup: null, cost: null, cost_currency: null, prices: [] };

const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

/** Applies the masked attributes (absent in the input means sent as null) and validates the result. */
export function applyProductInput(current: ProductFields, input: crm.deals.v1.ProductInput, paths: readonly string[]): { fields: ProductFields } | { violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const next: ProductFields = { ...current, prices: [...current.prices] };
  for (const path of paths) {
    switch (path) {
      case 'name':
        next.name = (input.name ?? '').trim();
        break;
      case 'sku':
        next.sku = text(input.sku);
        break;
      case 'description':
        next.description = text(input.description);
        break;
      case 'active':
        next.active = input.active ?? true;
        break;
      case 'max_discount':
      case 'max_markup': {
        const raw = path === 'max_discount' ? input.maxDiscount : input.maxMarkup;
        const pct = raw === undefined ? null : parsePercent(path, raw, violations);
        if (pct === null) next[path] = null;
        else if (pct) {
          if (pct.isNegative() || (path === 'max_discount' && pct.greaterThan(100))) violations.push({ field: path, code: 'incorrect_value', message: path === 'max_discount' ? 'must be from 0 to 100' : 'cannot be negative' });
          else next[path] = pct.toString();
        }
        break;
      }
      case 'cost': {
        if (input.cost === undefined) next.cost = null;
        else {
          const cost = parseAmount('cost', input.cost, violations);
          if (cost) next.cost = amountText(cost);
        }
        break;
      }
      case 'cost_currency':
        next.cost_currency = input.costCurrency === undefined ? null : (checkCurrency('cost_currency', input.costCurrency, violations) ?? null);
        break;
      case 'prices': {
        const prices: ProductFields['prices'] = [];
        input.prices.forEach((p, i) => {
          const amount = parseAmount(`prices.${i}.amount`, p.amount, violations);
          const currency = checkCurrency(`prices.${i}.currency`, p.currency, violations);
          if (!amount || !currency) return;
          if (prices.some((q) => q.currency === currency)) violations.push({ field: `prices.${i}.currency`, code: 'incorrect_value', message: `${currency} has more than one price` });
          else prices.push({ amount: amountText(amount), currency });
        });
        // Sell answers a product's prices ordered by currency code; clients take the first as the default.
        next.prices = prices.sort((a, b) => a.currency.localeCompare(b.currency));
        break;
      }
      default:
        violations.push({ field: path, code: 'unknown', message: 'is not a product attribute' });
    }
  }
  if (!next.name) violations.push({ field: 'name', code: 'missing', message: 'cannot be empty' });
  else if (next.name.length > 255) violations.push({ field: 'name', code: 'incorrect_value', message: 'is longer than 255 characters' });
  if ((next.sku?.length ?? 0) > 255) violations.push({ field: 'sku', code: 'incorrect_value', message: 'is longer than 255 characters' });
  if ((next.description?.length ?? 0) > 65_535) violations.push({ field: 'description', code: 'incorrect_value', message: 'is longer than 65535 characters' });
  if (next.cost !== null && next.cost_currency === null) violations.push({ field: 'cost_currency', code: 'missing', message: 'is required with a cost' });
  if (next.prices.length > 50) violations.push({ field: 'prices', code: 'incorrect_value', message: 'has more than 50 prices' });
  return violations.length > 0 ? { violations } : { fields: next };
}
