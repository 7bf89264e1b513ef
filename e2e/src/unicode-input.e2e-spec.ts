import { api, expectError } from '../support/http';

const U1 = 'acme-user1';
const ADMIN = 'acme-admin';

/** Field names and values that a gRPC text trailer cannot carry, or that PostgreSQL cannot store. */
const NAMES = {
  accented: 'prénom',
  emoji: 'budget 💰🚀',
  cjk: '名前',
  rtl: 'שם פרטי',
  control: 'a\u0007b\r\nc',
  long: '😀'.repeat(5_000),
};

/** Every error item in the Sell shape, with the fields a client reads. */
const items = (body: any) => (body.errors as { error: { code: string; field?: string; details: string } }[]).map((e) => e.error);

describe('any Unicode in field names and values', () => {
  it.each(Object.entries(NAMES))('answers an import column mapped from a %s header name and an unknown target with 422 naming it', async (_kind, name) => {
    const res = await api('POST', '/v2/imports', { as: U1, body: { data: { resource_type: 'lead', column_mapping: { [name]: `custom_fields.${name}` } } } });
    expect(res.status).toBe(422);
    expect(items(res.body).length).toBeGreaterThan(0);
    if (name.length < 1000) expect(JSON.stringify(res.body)).toContain(JSON.stringify(name).slice(1, -1));
  });

  it.each(Object.entries(NAMES))('answers a lead with an unknown %s custom field with 422 and the name unchanged', async (_kind, name) => {
    const res = await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: name, custom_fields: { [name]: name } } } });
    expect(res.status).toBe(422);
    if (name.length < 1000) expect(items(res.body).map((e) => e.field)).toContain(`/data/custom_fields/${name}`);
  });

  it.each(Object.entries(NAMES))('stores and answers %s text unchanged in leads, deals and notes', async (_kind, name) => {
    const value = name.slice(0, 100);
    const lead = await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: value, description: name.slice(0, 1000) } } });
    expect(lead.status).toBe(200);
    expect(lead.body.data.last_name).toBe(value);
    const note = await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'lead', resource_id: lead.body.data.id, content: name } } });
    expect(note.status).toBe(200);
    expect(note.body.data.content).toBe(name);
    const found = await api('GET', `/v2/leads?last_name=${encodeURIComponent(value)}`, { as: U1 });
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: any) => i.data.id)).toContain(lead.body.data.id);
  });

  it('refuses NUL in a body key or value and in the URL with 400, and writes nothing', async () => {
    const before = await api('GET', '/v2/pipelines', { as: ADMIN });
    expectError(await api('POST', '/v2/pipelines', { as: ADMIN, body: { data: { name: 'nul\u0000pipeline' } } }), 400, 'invalid_payload');
    expectError(await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'x', custom_fields: { 'a\u0000': 1 } } } }), 400, 'invalid_payload');
    expectError(await api('GET', '/v2/leads?last_name=%00', { as: U1 }), 400, 'invalid_param', 'last_name');
    expectError(await api('GET', '/v2/search?q=a%00b', { as: U1 }), 400, 'invalid_param', 'q');
    expect((await api('GET', '/v2/pipelines', { as: ADMIN })).body.items.length).toBe(before.body.items.length);
  });

  it('answers out-of-range numbers and malformed dates with 4xx, never 500', async () => {
    const pipelines = await api('GET', '/v2/pipelines', { as: ADMIN });
    const pipelineId = pipelines.body.items[0].data.id;
    expectError(await api('POST', '/v2/stages', { as: ADMIN, body: { data: { name: 'Far', category: 'in_progress', likelihood: 9007199254740991, pipeline_id: pipelineId } } }), 422, 'incorrect_value', '/data/likelihood');
    expectError(await api('GET', '/v2/deals?estimated_close_date=', { as: U1 }), 400, 'invalid_param', 'estimated_close_date');
    expectError(await api('GET', '/v2/deals?estimated_close_date=2024-02-30', { as: U1 }), 400, 'invalid_param', 'estimated_close_date');
    expect((await api('GET', '/v2/deals?estimated_close_date=2024-02-29', { as: U1 })).status).toBe(200);
  });
});
