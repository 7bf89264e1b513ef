import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { api, expectError, USERS } from '../support/http';

const ADMIN = USERS.acmeAdmin.username;
const U1 = USERS.acmeUser1.username;
const U3 = USERS.acmeUser3.username;
const GLOBEX = USERS.globexAdmin.username;
const run = `${Date.now()}`;
const data = (res: { body: any }) => res.body.data;

async function created(as: string, path: string, body: Record<string, unknown>) {
  const res = await api('POST', path, { as, body: { data: body } });
  expect(res.status).toBe(200);
  return data(res);
}

describe('/v2/products, /v2/orders and line items', () => {
  let buyer: any;
  const probe = new KafkaProbe([TOPICS.dealsOrder, TOPICS.dealsDeal]);
  const events = (key: string, type: string) =>
    probe.records.filter((r) => r.key === key && r.headers.ce_type === type).map((r) => decodePayload<any>(parseCloudEvent(r.topic, r.key, r.value, r.headers)));

  beforeAll(async () => {
    await probe.start();
    buyer = await created(U1, '/v2/contacts', { is_organization: true, name: `Orders ${run}` });
  });
  afterAll(() => probe.stop());

  it('keeps a catalogue that admins change and only admins see the cost of', async () => {
    const product = await created(ADMIN, '/v2/products', {
      name: `Laptop ${run}`, sku: `LT-${run}`, description: '14 inch', max_discount: 10, max_markup: '5', cost: '2000', cost_currency: 'usd',
      prices: [{ amount: '3599.99', currency: 'USD' }, { amount: 3300, currency: 'EUR' }],
    });
    // Prices come back ordered by currency, as Sell answers them (its clients take the first).
    expect(product).toMatchObject({ name: `Laptop ${run}`, sku: `LT-${run}`, active: true, max_discount: 10, max_markup: 5, cost: 2000, cost_currency: 'USD', prices: [{ amount: 3300, currency: 'EUR' }, { amount: '3599.99', currency: 'USD' }] });
    expect(data(await api('GET', `/v2/products/${product.id}`, { as: U1 }))).toMatchObject({ name: `Laptop ${run}`, cost: null, cost_currency: null });
    expect((await api('GET', `/v2/products?sku=lt-${run}`, { as: U1 })).body.items.map((i: any) => i.data.id)).toEqual([product.id]);

    const before = data(await api('GET', `/v2/products/${product.id}`, { as: ADMIN }));
    expectError(await api('POST', '/v2/products', { as: U1, body: { data: { name: 'Mine' } } }), 403, 'forbidden');
    expectError(await api('PUT', `/v2/products/${product.id}`, { as: U1, body: { data: { name: 'Mine' } } }), 403, 'forbidden');
    // As in Sell, a SKU may be shared by several products; the filter finds them all.
    const twin = data(await api('POST', '/v2/products', { as: ADMIN, body: { data: { name: 'Twin', sku: `lt-${run}` } } }));
    expect((await api('GET', `/v2/products?sku=lt-${run}`, { as: U1 })).body.items.map((i: any) => i.data.id)).toEqual([product.id, twin.id]);
    expect((await api('DELETE', `/v2/products/${twin.id}`, { as: ADMIN })).status).toBe(204);
    expectError(await api('POST', '/v2/products', { as: ADMIN, body: { data: { name: 'Bad', prices: [{ amount: '1.999', currency: 'USD' }] } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/products', { as: ADMIN, body: { data: { name: 'Bad', prices: [{ amount: '1', currency: 'USD' }, { amount: '2', currency: 'usd' }] } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/products', { as: ADMIN, body: { data: { name: 'Bad', prices: [{ amount: '1', currency: 'DOLLARS' }] } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/products', { as: ADMIN, body: { data: { name: 'Bad', max_discount: 120 } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/products', { as: ADMIN, body: { data: { name: 'Bad', cost: 5 } } }), 422, 'missing');
    expectError(await api('GET', `/v2/products/${product.id}`, { as: GLOBEX }), 404, 'not_found');
    expect(data(await api('GET', `/v2/products/${product.id}`, { as: ADMIN }))).toEqual(before);
  });

  it('prices line items as Sell does and keeps the deal value at the order total', async () => {
    const product = await created(ADMIN, '/v2/products', { name: `Phone ${run}`, prices: [{ amount: '3599.99', currency: 'USD' }], max_discount: 5 });
    const cheap = await created(ADMIN, '/v2/products', { name: `Cable ${run}`, prices: [{ amount: '0.10', currency: 'USD' }] });
    const deal = await created(U1, '/v2/deals', { name: `Order deal ${run}`, contact_id: buyer.id, value: 1 });
    const order = await created(U1, '/v2/orders', { deal_id: deal.id });
    expect(order).toMatchObject({ deal_id: deal.id, discount: 0 });
    expectError(await api('POST', '/v2/orders', { as: U1, body: { data: { deal_id: deal.id } } }), 422, 'already_exists');

    const up = await created(U1, `/v2/orders/${order.id}/line_items`, { product_id: product.id, variation: 2, quantity: 2 });
    expect(up).toMatchObject({ product_id: product.id, name: `Phone ${run}`, price: '3599.99', variation: 2, value: '3671.99', quantity: 2, currency: 'USD' });
    const down = await created(U1, `/v2/orders/${order.id}/line_items`, { product_id: product.id, variation: '-2', value: '3527.99' });
    expect(down.value).toBe('3527.99');
    await created(U1, `/v2/orders/${order.id}/line_items`, { product_id: cheap.id, quantity: 3 });
    // 2 × 3671.99 + 3527.99 + 3 × 0.10
    expect(data(await api('GET', `/v2/deals/${deal.id}`, { as: U1 })).value).toBe('10872.27');
    // Each item is published, and so is the deal value it changes.
    await probe.waitFor((r) => r.key === String(order.id) && r.headers.ce_type === 'com.pipewright.crm.deals.order.line-item-added.v1', 3);
    expect(events(String(order.id), 'com.pipewright.crm.deals.order.line-item-added.v1').map((e) => [e.lineItem.value, e.lineItem.quantity, e.dealId])).toEqual([
      ['3671.99', 2, String(deal.id)], ['3527.99', 1, String(deal.id)], ['0.10', 3, String(deal.id)],
    ]);
    await probe.waitFor((r) => r.key === String(deal.id) && r.headers.ce_type === 'com.pipewright.crm.deals.deal.updated.v1', 3);
    expect(events(String(deal.id), 'com.pipewright.crm.deals.deal.updated.v1').map((e) => [e.changedFields, e.deal.value])).toEqual([
      [['value'], '7343.98'], [['value'], '10871.97'], [['value'], '10872.27'],
    ]);
    // An item in another currency the product has a price in is taken; the deal value, in USD, ignores it.
    const laptop = await created(ADMIN, '/v2/products', { name: `Euro laptop ${run}`, prices: [{ amount: '3599.99', currency: 'USD' }, { amount: '3300.00', currency: 'EUR' }] });
    expect(await created(U1, `/v2/orders/${order.id}/line_items`, { product_id: laptop.id, currency: 'EUR' })).toMatchObject({ currency: 'EUR', price: 3300, value: 3300 });
    expect(data(await api('GET', `/v2/deals/${deal.id}`, { as: U1 })).value).toBe('10872.27');
    expectError(await api('POST', `/v2/orders/${order.id}/line_items`, { as: U1, body: { data: { product_id: laptop.id, currency: 'GBP' } } }), 422, 'incorrect_value');
    expect(data(await api('PUT', `/v2/orders/${order.id}`, { as: U1, body: { data: { discount: 10 } } })).discount).toBe(10);
    expect(data(await api('GET', `/v2/deals/${deal.id}`, { as: U1 })).value).toBe('9785.04');
    expect((await api('DELETE', `/v2/orders/${order.id}/line_items/${down.id}`, { as: U1 })).status).toBe(204);
    expect(data(await api('GET', `/v2/deals/${deal.id}`, { as: U1 })).value).toBe('6609.85');
    expect((await api('GET', `/v2/orders/${order.id}/line_items?quantity=2`, { as: U1 })).body.items.map((i: any) => i.data.id)).toEqual([up.id]);

    // Limits, currency and bad input are refused and change nothing.
    const items = async () => (await api('GET', `/v2/orders/${order.id}/line_items`, { as: U1 })).body.items.length;
    const count = await items();
    expectError(await api('POST', `/v2/orders/${order.id}/line_items`, { as: U1, body: { data: { product_id: product.id, variation: -6 } } }), 422, 'incorrect_value', '/data/variation');
    expectError(await api('POST', `/v2/orders/${order.id}/line_items`, { as: U1, body: { data: { product_id: product.id, currency: 'EUR' } } }), 422, 'incorrect_value', '/data/currency');
    expectError(await api('POST', `/v2/orders/${order.id}/line_items`, { as: U1, body: { data: { product_id: product.id, value: '3600' } } }), 422, 'incorrect_value', '/data/value');
    expectError(await api('POST', `/v2/orders/${order.id}/line_items`, { as: U1, body: { data: { product_id: product.id, quantity: 0 } } }), 422, 'incorrect_value', '/data/quantity');
    expectError(await api('POST', `/v2/orders/${order.id}/line_items`, { as: U1, body: { data: { product_id: 99999999 } } }), 422, 'incorrect_value', '/data/product_id');
    expectError(await api('PUT', `/v2/orders/${order.id}/line_items/${up.id}`, { as: U1, body: { data: { quantity: 3 } } }), 404, 'incorrect_path');
    expectError(await api('PUT', `/v2/orders/${order.id}`, { as: U1, body: { data: { discount: 101 } } }), 422, 'incorrect_value');
    expect(await items()).toBe(count);
    expect(data(await api('GET', `/v2/deals/${deal.id}`, { as: U1 })).value).toBe('6609.85');

    // Orders follow their deal's visibility; deleting one with items answers 204 and keeps the deal's value.
    expectError(await api('GET', `/v2/orders/${order.id}`, { as: U3 }), 404, 'not_found');
    expectError(await api('POST', `/v2/orders/${order.id}/line_items`, { as: U3, body: { data: { product_id: cheap.id } } }), 404, 'not_found');
    expect((await api('GET', `/v2/orders?deal_id=${deal.id}`, { as: U3 })).body.items).toEqual([]);
    expect((await api('GET', `/v2/orders?deal_id=${deal.id}`, { as: U1 })).body.items.map((i: any) => i.data.id)).toEqual([order.id]);
    expectError(await api('GET', `/v2/orders/${order.id}`, { as: GLOBEX }), 404, 'not_found');
    expect((await api('DELETE', `/v2/orders/${order.id}`, { as: U1 })).status).toBe(204);
    expectError(await api('GET', `/v2/orders/${order.id}/line_items/${up.id}`, { as: U1 }), 404, 'not_found');
    expect(data(await api('GET', `/v2/deals/${deal.id}`, { as: U1 })).value).toBe('6609.85');
  });

  it('associates contacts with a deal, with a role, for whoever may see the deal', async () => {
    const deal = await created(U1, '/v2/deals', { name: `Team deal ${run}`, contact_id: buyer.id });
    const champion = await created(U1, '/v2/contacts', { last_name: `Champion ${run}` });
    const other = await created(U3, '/v2/contacts', { last_name: `Other ${run}` });
    const path = `/v2/deals/${deal.id}/associated_contacts`;
    expect(await created(U1, path, { contact_id: champion.id })).toMatchObject({ contact_id: champion.id, role: 'involved' });
    expect(await created(U1, path, { contact_id: champion.id, role: 'champion' })).toMatchObject({ contact_id: champion.id, role: 'champion' });
    expect((await api('GET', path, { as: U1 })).body.items.map((i: any) => i.data)).toEqual([expect.objectContaining({ contact_id: champion.id, role: 'champion' })]);
    expectError(await api('POST', path, { as: U1, body: { data: { contact_id: other.id } } }), 422, 'incorrect_value', '/data/contact_id');
    expectError(await api('POST', path, { as: U3, body: { data: { contact_id: other.id } } }), 404, 'not_found');
    expectError(await api('GET', path, { as: GLOBEX }), 404, 'not_found');
    expectError(await api('DELETE', `${path}/${other.id}`, { as: U1 }), 404, 'not_found');
    expect((await api('DELETE', `${path}/${champion.id}`, { as: U1 })).status).toBe(204);
    expect((await api('GET', path, { as: U1 })).body.items).toEqual([]);
  });
});
