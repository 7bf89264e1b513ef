import { orderTotal } from '../money/money';
import { priceLineItem, type PricedProduct } from './line-item-rules';

const laptop: PricedProduct = { active: true, max_discount: '10', max_markup: '5', prices: [{ amount: '3599.99', currency: 'USD' }, { amount: '3300.00', currency: 'EUR' }] };

describe('line item pricing', () => {
  it('applies the variation to the price in the deal currency, half-up to the cent, as Sell does', () => {
    expect(priceLineItem(laptop, 'USD', { variation: '2' })).toEqual({ item: { currency: 'USD', price: '3599.99', variation: '2', value: '3671.99', quantity: 1 } });
    expect(priceLineItem(laptop, 'USD', { variation: '-2', quantity: 3 })).toEqual({ item: expect.objectContaining({ value: '3527.99', quantity: 3 }) });
    expect(priceLineItem(laptop, 'EUR', {})).toEqual({ item: expect.objectContaining({ price: '3300.00', value: '3300.00', variation: '0' }) });
    // A client's own value is accepted when it is the computed one.
    expect(priceLineItem(laptop, 'USD', { variation: '2', value: '3671.99' })).toEqual({ item: expect.objectContaining({ value: '3671.99' }) });
  });

  it('prices an item in any currency the product has a price in', () => {
    expect(priceLineItem(laptop, 'USD', { currency: 'eur', variation: '-2' })).toEqual({ item: { currency: 'EUR', price: '3300.00', variation: '-2', value: '3234.00', quantity: 1 } });
  });

  it('refuses a variation beyond the product limits, a currency without a price and bad numbers', () => {
    const fields = (r: ReturnType<typeof priceLineItem>) => ('violations' in r ? r.violations.map((v) => v.field) : []);
    expect(fields(priceLineItem(laptop, 'USD', { variation: '-10.5' }))).toEqual(['variation']);
    expect(fields(priceLineItem(laptop, 'USD', { variation: '5.01' }))).toEqual(['variation']);
    expect(fields(priceLineItem(laptop, 'USD', { currency: 'GBP' }))).toEqual(['currency']);
    expect(fields(priceLineItem(laptop, 'GBP', {}))).toEqual(['currency']);
    expect(fields(priceLineItem(laptop, 'USD', { quantity: 0 }))).toEqual(['quantity']);
    expect(fields(priceLineItem(laptop, 'USD', { value: '3600' }))).toEqual(['value']);
    expect(fields(priceLineItem(laptop, 'USD', { value: 'abc' }))).toEqual(['value']);
    expect(fields(priceLineItem({ ...laptop, active: false }, 'USD', {}))).toEqual(['product_id']);
  });

  it('totals an order exactly: unit values times quantities, less the discount, half-up', () => {
    expect(orderTotal([{ value: '3671.99', quantity: 2 }, { value: '0.10', quantity: 3 }], '0').toFixed(2)).toBe('7344.28');
    expect(orderTotal([{ value: '10.05', quantity: 1 }], '50').toFixed(2)).toBe('5.03');
    expect(orderTotal([], '10').toFixed(2)).toBe('0.00');
  });
});
