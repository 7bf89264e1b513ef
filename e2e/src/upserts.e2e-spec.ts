import { USERS, api, expectError } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U3 = USERS.acmeUser3.username;

describe('upserts: /v2/leads/upsert, /v2/contacts/upsert, /v2/deals/upsert', () => {
  const t = `U${Date.now()}`;
  const ids = (res: { body: any }) => res.body.items.map((i: any) => i.data.id);

  it('creates a lead when the filter matches none, then updates the one it matches', async () => {
    const email = `${t}-lead@example.com`;
    const created = await api('POST', `/v2/leads/upsert?email=${encodeURIComponent(email)}`, { as: U1, body: { data: { last_name: `${t}-Lead`, email, description: 'first' } } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ data: { last_name: `${t}-Lead`, email, description: 'first', owner_id: USERS.acmeUser1.id }, meta: { type: 'lead' } });
    const updated = await api('POST', `/v2/leads/upsert?email=${encodeURIComponent(email)}`, { as: U1, body: { data: { description: 'second' } } });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ id: created.body.data.id, last_name: `${t}-Lead`, description: 'second' });
    expect(ids(await api('GET', `/v2/leads?email=${encodeURIComponent(email)}`, { as: U1 }))).toEqual([created.body.data.id]);
  });

  it('creates one record for concurrent upserts of the same new key', async () => {
    const key = `${t}-race`;
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => api('POST', `/v2/leads/upsert?last_name=${key}`, { as: U1, body: { data: { last_name: key, description: `writer ${i}` } } })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
    expect(ids(await api('GET', `/v2/leads?last_name=${key}`, { as: U1 }))).toHaveLength(1);
  });

  it('answers 409 when the filter matches several records and changes none', async () => {
    const name = `${t}-Twin`;
    const a = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: name, description: 'a' } } })).body.data;
    const b = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: name, description: 'b' } } })).body.data;
    expectError(await api('POST', `/v2/contacts/upsert?last_name=${name}`, { as: U1, body: { data: { description: 'both?' } } }), 409, 'conflict');
    expect((await api('GET', `/v2/contacts/${a.id}`, { as: U1 })).body.data.description).toBe('a');
    expect((await api('GET', `/v2/contacts/${b.id}`, { as: U1 })).body.data.description).toBe('b');
    // A narrower filter names one.
    const one = await api('POST', `/v2/contacts/upsert?last_name=${name}&ids=${b.id}`, { as: U1, body: { data: { description: 'only b' } } });
    expect(one.body.data).toMatchObject({ id: b.id, description: 'only b' });
  });

  it('matches only records the caller may see', async () => {
    const email = `${t}-hidden@example.com`;
    const theirs = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: `${t}-Theirs`, email } } })).body.data;
    const mine = await api('POST', `/v2/contacts/upsert?email=${encodeURIComponent(email)}`, { as: U3, body: { data: { last_name: `${t}-Mine`, email } } });
    expect(mine.status).toBe(200);
    expect(mine.body.data.id).not.toBe(theirs.id);
    expect(mine.body.data.owner_id).toBe(USERS.acmeUser3.id);
    expect((await api('GET', `/v2/contacts/${theirs.id}`, { as: U1 })).body.data.last_name).toBe(`${t}-Theirs`);
  });

  it('upserts a deal by name', async () => {
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: `${t}-Buyer` } } })).body.data;
    const name = `${t} Deal`;
    const created = await api('POST', `/v2/deals/upsert?name=${encodeURIComponent(name)}`, { as: U1, body: { data: { name, contact_id: contact.id, value: 100 } } });
    expect(created.status).toBe(200);
    const updated = await api('POST', `/v2/deals/upsert?name=${encodeURIComponent(name)}`, { as: U1, body: { data: { value: 250 } } });
    expect(updated.body.data).toMatchObject({ id: created.body.data.id, name, value: 250 });
    expect(ids(await api('GET', `/v2/deals?name=${encodeURIComponent(name)}`, { as: U1 }))).toEqual([created.body.data.id]);
  });

  it('refuses bad upserts with Sell errors and writes nothing', async () => {
    expectError(await api('POST', '/v2/leads/upsert', { as: U1, body: { data: { last_name: 'x' } } }), 400, 'invalid_param');
    expectError(await api('POST', '/v2/leads/upsert?sort_by=id', { as: U1, body: { data: { last_name: 'x' } } }), 400, 'invalid_param');
    expectError(await api('POST', '/v2/leads/upsert?colour=red', { as: U1, body: { data: { last_name: 'x' } } }), 400, 'invalid_param');
    const key = `${t}-invalid`;
    expectError(await api('POST', `/v2/leads/upsert?last_name=${key}`, { as: U1, body: { data: { first_name: 'no last name' } } }), 422, 'missing');
    expectError(await api('POST', `/v2/leads/upsert?last_name=${key}`, { as: U1, body: { data: { last_name: key, unknown: 1 } } }), 422, 'unknown');
    expectError(await api('POST', `/v2/deals/upsert?name=${key}`, { as: U1, body: { data: { name: key } } }), 422, 'missing', '/data/contact_id');
    expect((await api('GET', `/v2/leads?last_name=${key}`, { as: U1 })).body.items).toEqual([]);
    expect((await api('GET', `/v2/deals?name=${key}`, { as: U1 })).body.items).toEqual([]);
  });
});
