import type { FieldViolation } from '@crm/errors';
import { amount, amountText, checkCurrency, parseAmount, parsePercent, presentAmount, variedPrice } from './money';

describe('money', () => {
  it('parses numbers and numeric strings exactly, with at most two decimals', () => {
    const v: FieldViolation[] = [];
    expect(amountText(parseAmount('value', '1000', v)!)).toBe('1000.00');
    expect(amountText(parseAmount('value', 1000.5, v)!)).toBe('1000.50');
    expect(amountText(parseAmount('value', ' 0.10 ', v)!)).toBe('0.10');
    // 0.1 + 0.2 as floats is 0.30000000000000004; as decimals it is 0.30.
    expect(amountText(parseAmount('value', '0.1', v)!.plus(parseAmount('value', '0.2', v)!))).toBe('0.30');
    expect(v).toEqual([]);
    for (const bad of ['1.005', 'ten', '', null, Number.NaN, '1e3', '-5', '1234567890123456']) parseAmount('value', bad, v);
    expect(v).toHaveLength(8);
    expect(parseAmount('value', '-5', [], { allowNegative: true })?.toString()).toBe('-5');
  });

  it('presents amounts as Sell does: integers as numbers, cents as two-decimal strings', () => {
    expect(presentAmount('1000.00')).toBe(1000);
    expect(presentAmount('1000.50')).toBe('1000.50');
    expect(presentAmount('0.05')).toBe('0.05');
  });

  it('applies a variation and rounds half-up to the cent (Sell: 3599.99 +2 % = 3671.99, -2 % = 3527.99)', () => {
    expect(amountText(variedPrice(amount('3599.99'), amount('2')))).toBe('3671.99');
    expect(amountText(variedPrice(amount('3599.99'), amount('-2')))).toBe('3527.99');
    expect(amountText(variedPrice(amount('0.05'), amount('50')))).toBe('0.08');
    expect(amountText(variedPrice(amount('100'), amount('-100')))).toBe('0.00');
  });

  it('checks percentages and ISO 4217 currency codes', () => {
    const v: FieldViolation[] = [];
    expect(parsePercent('variation', '12.5', v)?.toString()).toBe('12.5');
    expect(checkCurrency('currency', 'eur', v)).toBe('EUR');
    expect(v).toEqual([]);
    parsePercent('variation', '-101', v);
    parsePercent('variation', 'lots', v);
    checkCurrency('currency', 'XXY', v);
    checkCurrency('currency', 7, v);
    expect(v.map((x) => x.field)).toEqual(['variation', 'variation', 'currency', 'currency']);
  });
});
