import { api, expectError, USERS } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U3 = USERS.acmeUser3.username;
const run = `${Date.now()}`;

async function lead(as: string, data: Record<string, unknown>) {
  const res = await api('POST', '/v2/leads', { as, body: { data } });
  expect(res.status).toBe(200);
  return res.body.data;
}

const dealsOf = async (as: string, contactId: number) => (await api('GET', `/v2/deals?contact_id=${contactId}`, { as })).body.items.map((i: any) => i.data);

describe('/v2/lead_conversions with a deal', () => {
  it('creates the contacts and the deal in the chosen stage, returns every id, and answers a retry with the same ones', async () => {
    const pipeline = (await api('GET', '/v2/pipelines', { as: U1 })).body.items[0].data;
    const stage = (await api('GET', `/v2/stages?pipeline_id=${pipeline.id}`, { as: U1 })).body.items[2].data;
    const l = await lead(U1, { first_name: 'Grace', last_name: `Hopper ${run}`, organization_name: `Compilers ${run}` });
    const body = { data: { lead_id: l.id, create_deal: true, deal: { value: '1500.50', currency: 'EUR', stage_id: stage.id, hot: true } } };
    const res = await api('POST', '/v2/lead_conversions', { as: U1, body });
    expect(res.status).toBe(200);
    const conversion = res.body.data;
    expect(conversion).toMatchObject({ lead_id: l.id, individual_id: expect.any(Number), organization_id: expect.any(Number), deal_id: expect.any(Number) });

    const deal = (await api('GET', `/v2/deals/${conversion.deal_id}`, { as: U1 })).body.data;
    expect(deal).toMatchObject({
      name: `Compilers ${run}`, value: '1500.50', currency: 'EUR', hot: true, stage_id: stage.id, pipeline_id: pipeline.id,
      contact_id: conversion.individual_id, organization_id: conversion.organization_id, owner_id: USERS.acmeUser1.id,
    });
    // The same request again finishes nothing twice: same conversion, one deal.
    const again = await api('POST', '/v2/lead_conversions', { as: U1, body });
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(conversion);
    expect((await dealsOf(U1, conversion.individual_id)).map((d: any) => d.id)).toEqual([conversion.deal_id]);
    // A different request for a converted lead is refused.
    expectError(await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: l.id, create_deal: true, deal: { name: 'Other' } } } }), 422, 'incorrect_value');
  });

  it('gives the deal to the lead’s owner when a manager converts a report’s lead', async () => {
    const l = await lead(U1, { last_name: `Owned ${run}`, organization_name: `Owned Ltd ${run}` });
    const conversion = (await api('POST', '/v2/lead_conversions', { as: USERS.acmeManager.username, body: { data: { lead_id: l.id, create_deal: true } } })).body.data;
    expect((await api('GET', `/v2/deals/${conversion.deal_id}`, { as: U1 })).body.data).toMatchObject({ owner_id: USERS.acmeUser1.id, creator_id: USERS.acmeManager.id });
  });

  it('names the deal after the person when there is no organisation', async () => {
    const l = await lead(U1, { first_name: 'Alan', last_name: `Turing ${run}` });
    const conversion = (await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: l.id, create_deal: true } } })).body.data;
    expect(conversion.organization_id).toBeNull();
    expect((await api('GET', `/v2/deals/${conversion.deal_id}`, { as: U1 })).body.data).toMatchObject({ name: `Alan Turing ${run}`, value: 0, contact_id: conversion.individual_id, organization_id: null });
  });

  it('converts nothing when the deal is refused, or the lead is not the caller’s to convert', async () => {
    const l = await lead(U1, { last_name: `Refused ${run}` });
    for (const [deal, field] of [
      [{ value: '1.234' }, '/data/deal/value'],
      [{ currency: 'ABC' }, '/data/deal/currency'],
      [{ stage_id: 999999999 }, '/data/deal/stage_id'],
      [{ contact_id: 5 }, '/data/deal/contact_id'],
    ] as const) {
      const res = await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: l.id, deal } } });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: any) => e.error.field)).toContain(field);
    }
    expectError(await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: l.id, create_deal: true, deal: { owner_id: USERS.acmeUser2.id } } } }), 403, 'forbidden');
    expectError(await api('POST', '/v2/lead_conversions', { as: U3, body: { data: { lead_id: l.id, create_deal: true } } }), 404, 'not_found');
    // The lead is still a lead, and a later conversion works.
    expect((await api('GET', `/v2/leads/${l.id}`, { as: U1 })).status).toBe(200);
    const conversion = (await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: l.id, create_deal: true, deal: { value: 10 } } } })).body.data;
    expect((await dealsOf(U1, conversion.individual_id)).map((d: any) => [d.id, d.value])).toEqual([[conversion.deal_id, 10]]);
  });
});
