import Decimal from 'decimal.js';
import type { FieldViolation } from '@crm/errors';

/** Decimal arithmetic for money: never a float. Half-up rounding, as Sell rounds. */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Amount = InstanceType<typeof Money>;

const AMOUNT = /^-?\d{1,15}(\.\d{1,2})?$/;
const PERCENT = /^-?\d{1,3}(\.\d{1,4})?$/;
/** ISO 4217 codes as the runtime's ICU data knows them. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * An amount as clients send it, a JSON number or a numeric string with at most two decimals
 * ("1000", 1000.5, "1000.50"); numbers go through their shortest decimal text, never a float sum.
 */
export function parseAmount(field: string, raw: unknown, violations: FieldViolation[], options: { allowNegative?: boolean } = {}): Amount | undefined {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text === undefined || !AMOUNT.test(text)) {
    violations.push({ field, code: 'incorrect_value', message: 'must be a decimal amount with at most two decimals' });
    return undefined;
  }
  const amount = new Money(text);
  if (amount.isNegative() && !amount.isZero() && !options.allowNegative) {
    violations.push({ field, code: 'incorrect_value', message: 'cannot be negative' });
    return undefined;
  }
  return amount;
}

/** A percentage such as a line item's variation (-100 to 1000, up to four decimals). */
export function parsePercent(field: string, raw: unknown, violations: FieldViolation[]): Amount | undefined {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  const value = text !== undefined && PERCENT.test(text) ? new Money(text) : undefined;
  if (!value || value.lessThan(-100) || value.greaterThan(1000)) {
    violations.push({ field, code: 'incorrect_value', message: 'must be a percentage from -100 to 1000' });
    return undefined;
  }
  return value;
}

export function checkCurrency(field: string, raw: unknown, violations: FieldViolation[]): string | undefined {
  const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
  if (!CURRENCIES.has(code)) {
    violations.push({ field, code: 'incorrect_value', message: 'must be an ISO 4217 currency code' });
    return undefined;
  }
  return code;
}

/** The canonical text of an amount, with two decimals ("1000.00"), as stored. */
export function amountText(amount: Amount): string {
  return amount.toFixed(2);
}

/** Sell's wire form of an amount: an integer when it has no cents (1000), else a string ("1000.50"). */
export function presentAmount(text: string): number | string {
  const amount = new Money(text);
  return amount.isInteger() ? amount.toNumber() : amount.toFixed(2);
}

/** A line item's value: the price with the variation applied, rounded half-up to the cent. */
export function variedPrice(price: Amount, variationPercent: Amount): Amount {
  return price.times(new Money(100).plus(variationPercent)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function amount(text: string): Amount {
  return new Money(text);
}

/** An order's total: Σ unit value × quantity, less the order discount (percent), half-up to the cent. */
export function orderTotal(items: readonly { value: string; quantity: number }[], discountPercent: string): Amount {
  const sum = items.reduce((acc, i) => acc.plus(new Money(i.value).times(i.quantity)), new Money(0));
  return sum.times(new Money(100).minus(discountPercent)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
