/** Pure rules of line items and orders: pricing, variation limits and the order total. */
import type { FieldViolation } from '@crm/errors';
import { amount, amountText, checkCurrency, parseAmount, parsePercent, variedPrice } from '../money/money';

export interface PricedProduct {
  active: boolean;
  max_discount: string | null;
  max_markup: string | null;
  prices: { amount: string; currency: string }[];
}

export interface LineItemRequest {
  variation?: string | undefined;
  currency?: string | undefined;
  quantity?: number | undefined;
  /** A unit value the client computed; it must be the computed one. */
  value?: string | undefined;
}

export interface PricedLineItem {
  currency: string;
  price: string;
  variation: string;
  value: string;
  quantity: number;
}

/**
 * Prices a line item: the product's price in the line item's currency (any currency the product has
 * a price in, as in Sell; the deal's by default), the variation within the product's limits,
 * value = price × (1 + variation/100) half-up to the cent.
 */
export function priceLineItem(product: PricedProduct, dealCurrency: string, request: LineItemRequest): { item: PricedLineItem } | { violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  if (!product.active) violations.push({ field: 'product_id', code: 'incorrect_value', message: 'is an inactive product' });
  const currency = request.currency === undefined ? dealCurrency : checkCurrency('currency', request.currency, violations);
  const price = currency ? product.prices.find((p) => p.currency === currency) : undefined;
  if (currency && !price) violations.push({ field: 'currency', code: 'incorrect_value', message: `the product has no price in ${currency}` });
  const variation = request.variation === undefined ? amount('0') : parsePercent('variation', request.variation, violations);
  if (variation) {
    if (variation.isNegative() && product.max_discount !== null && variation.abs().greaterThan(product.max_discount)) {
      violations.push({ field: 'variation', code: 'incorrect_value', message: `exceeds the product's maximum discount of ${product.max_discount}%` });
    }
    if (variation.isPositive() && product.max_markup !== null && variation.greaterThan(product.max_markup)) {
      violations.push({ field: 'variation', code: 'incorrect_value', message: `exceeds the product's maximum mark-up of ${product.max_markup}%` });
    }
  }
  const quantity = request.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1_000_000) violations.push({ field: 'quantity', code: 'incorrect_value', message: 'must be a whole number from 1 to 1000000' });
  const claimed = request.value === undefined ? undefined : parseAmount('value', request.value, violations);
  if (violations.length > 0 || !price || !variation) return { violations };
  const value = variedPrice(amount(price.amount), variation);
  if (claimed && !claimed.equals(value)) {
    return { violations: [{ field: 'value', code: 'incorrect_value', message: `must be ${amountText(value)}: the price with the variation applied` }] };
  }
  return { item: { currency: price.currency, price: price.amount, variation: variation.toString(), value: amountText(value), quantity } };
}
