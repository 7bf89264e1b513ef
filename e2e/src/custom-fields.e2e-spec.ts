import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { api, expectError } from '../support/http';

const ADMIN = 'globex-admin';
const USER = 'globex-user2';


async function field(body: Record<string, unknown>) {
  const res = await api('POST', '/v2/lead/custom_fields', { as: ADMIN, body: { data: body } });
  expect(res.status).toBe(200);
  return res.body.data;
}

async function lead(customFields: Record<string, unknown>, lastName = 'Custom') {
  const res = await api('POST', '/v2/leads', { as: USER, body: { data: { last_name: lastName, organization_name: 'CF Inc', custom_fields: customFields } } });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('lead custom fields', () => {
  const probe = new KafkaProbe([TOPICS.leadsLead]);
  let tier: any;
  let budget: any;

  beforeAll(async () => {
    await probe.start();
    tier = await field({ name: 'Tier', type: 'list', choices: ['Gold', 'Silver', 'Bronze'] });
    budget = await field({ name: 'Budget', type: 'number' });
    await field({ name: 'Renewal', type: 'date' });
    await field({ name: 'Interests', type: 'multi_select_list', choices: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] });
    await field({ name: 'Newsletter', type: 'bool' });
    await field({ name: 'HQ', type: 'address' });
  });
  afterAll(() => probe.stop());

  it('lets admins define fields, validates definitions, and lets everyone read them', async () => {
    expect(tier).toMatchObject({ name: 'Tier', type: 'list', choices: [{ id: 1, name: 'Gold' }, { id: 2, name: 'Silver' }, { id: 3, name: 'Bronze' }] });
    expectError(await api('POST', '/v2/lead/custom_fields', { as: USER, body: { data: { name: 'Mine', type: 'string' } } }), 403, 'forbidden');
    expectError(await api('POST', '/v2/lead/custom_fields', { as: ADMIN, body: { data: { name: 'tier', type: 'string' } } }), 422, 'already_exists');
    expectError(await api('POST', '/v2/lead/custom_fields', { as: ADMIN, body: { data: { name: 'Colour', type: 'rgb' } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/lead/custom_fields', { as: ADMIN, body: { data: { name: 'Empty', type: 'list', choices: [] } } }), 422, 'missing');
    // A dropdown offers up to 500 options.
    const regions = Array.from({ length: 501 }, (_, i) => `Region ${i + 1}`);
    expectError(await api('POST', '/v2/lead/custom_fields', { as: ADMIN, body: { data: { name: 'Region', type: 'list', choices: regions } } }), 422, 'incorrect_value');
    const many = await field({ name: 'Region', type: 'list', choices: regions.slice(0, 500) });
    expect(many.choices).toHaveLength(500);

    const listed = await api('GET', '/v2/lead/custom_fields', { as: USER });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: any) => i.data.name)).toEqual(['Tier', 'Budget', 'Renewal', 'Interests', 'Newsletter', 'HQ', 'Region']);
    expect((await api('GET', '/v2/lead/custom_fields', { as: 'acme-admin' })).body.items.map((i: any) => i.data.name)).not.toContain('Tier');
  });

  it('validates values on every write, stores them canonically and changes only the named fields', async () => {
    const created = await lead({ Tier: 'gold', Budget: '1500.50', Renewal: '2027-01-31', Interests: ['A', 'C'], Newsletter: true, HQ: { city: 'Oslo' } });
    expect(created.custom_fields).toEqual({
      Tier: 'Gold',
      Budget: '1500.5',
      Renewal: '2027-01-31',
      Interests: ['A', 'C'],
      Newsletter: true,
      HQ: { line1: null, city: 'Oslo', postal_code: null, state: null, country: null },
    });

    const bad = await api('POST', '/v2/leads', { as: USER, body: { data: { last_name: 'Bad', custom_fields: { Tier: 'Platinum', Budget: 'lots', Nope: 1 } } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => `${e.error.field}:${e.error.code}`).sort()).toEqual(['/data/custom_fields/Budget:incorrect_value', '/data/custom_fields/Nope:unknown', '/data/custom_fields/Tier:incorrect_value']);
    expect((await api('GET', '/v2/leads?last_name=Bad', { as: USER })).body.items).toEqual([]);

    const updated = await api('PUT', `/v2/leads/${created.id}`, { as: USER, body: { data: { custom_fields: { Budget: 2000, Tier: null } } } });
    expect(updated.body.data.custom_fields).toMatchObject({ Budget: '2000', Renewal: '2027-01-31' });
    expect(updated.body.data.custom_fields).not.toHaveProperty('Tier');

    const events = await probe.waitFor((r) => r.key === String(created.id), 2);
    const change = decodePayload<any>(parseCloudEvent(events[1]!.topic, events[1]!.key, events[1]!.value, events[1]!.headers));
    expect(change.changedFields.sort()).toEqual(['custom_fields.Budget', 'custom_fields.Tier']);
    expect(change.previousValues).toEqual({ 'custom_fields.Budget': '1500.5', 'custom_fields.Tier': 'Gold' });
  });

  it('filters and sorts by custom fields like default fields', async () => {
    const tag = `F${Date.now()}`;
    const a = await lead({ Tier: 'Silver', Budget: 10, Interests: ['B'] }, `${tag}-a`);
    const b = await lead({ Tier: 'Silver', Budget: 300, Interests: ['C'] }, `${tag}-b`);
    const c = await lead({ Tier: 'Bronze', Budget: 20 }, `${tag}-c`);
    const d = await lead({}, `${tag}-d`);
    const ids = (path: string) => api('GET', path, { as: USER }).then((r) => {
      expect(r.status).toBe(200);
      return r.body.items.map((i: any) => i.data.id);
    });
    expect(await ids(`/v2/leads?ids=${a.id},${b.id},${c.id}&custom_fields[Tier]=silver`)).toEqual([a.id, b.id]);
    expect(await ids(`/v2/leads?ids=${a.id},${b.id},${c.id}&custom_fields[Budget]=300.0`)).toEqual([b.id]);
    expect(await ids(`/v2/leads?ids=${a.id},${b.id},${c.id}&custom_fields[Interests]=C`)).toEqual([b.id]);
    // Records without a value come last in either direction; paging walks the same order.
    const all = `ids=${a.id},${b.id},${c.id},${d.id}`;
    expect(await ids(`/v2/leads?${all}&sort_by=custom_fields:Budget:desc`)).toEqual([b.id, c.id, a.id, d.id]);
    expect(await ids(`/v2/leads?${all}&sort_by=custom_fields:Budget`)).toEqual([a.id, c.id, b.id, d.id]);
    expect(await ids(`/v2/leads?${all}&sort_by=custom_fields:Budget&per_page=2&page=2`)).toEqual([b.id, d.id]);
    expect(await ids(`/v2/leads?${all}&sort_by=custom_fields:Tier:desc`)).toEqual([c.id, a.id, b.id, d.id]);
    // A long paragraph (beyond what one index entry holds) is stored and found by its exact text.
    const notes = await field({ name: `${tag} Notes`, type: 'text' });
    let seed = 42;
    const long = Array.from({ length: 12_000 }, () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2147483648) % 26))).join('');
    const e = await lead({ [notes.name]: long }, `${tag}-e`);
    const f = await lead({ [notes.name]: `${long}x` }, `${tag}-f`);
    expect(await ids(`/v2/leads?ids=${e.id},${f.id}&custom_fields[${encodeURIComponent(notes.name)}]=${long.toUpperCase()}`)).toEqual([e.id]);
    await api('DELETE', `/v2/lead/custom_fields/${notes.id}`, { as: ADMIN });
    expectError(await api('GET', '/v2/leads?custom_fields[Nope]=1', { as: USER }), 400, 'invalid_param');
    expectError(await api('GET', '/v2/leads?custom_fields[Tier]=Platinum', { as: USER }), 400, 'invalid_param');
    expectError(await api('GET', '/v2/leads?sort_by=custom_fields:Interests', { as: USER }), 400, 'invalid_param');
  });

  it('keeps values across a rename, refuses to drop options in use, and hides values of deleted fields', async () => {
    const l = await lead({ Budget: 42, Newsletter: false, Tier: 'Bronze' });
    const renamed = await api('PUT', `/v2/lead/custom_fields/${budget.id}`, { as: ADMIN, body: { data: { name: 'Annual budget' } } });
    expect(renamed.body.data.name).toBe('Annual budget');
    expect((await api('GET', `/v2/leads/${l.id}`, { as: USER })).body.data.custom_fields).toMatchObject({ 'Annual budget': '42' });

    expectError(await api('PUT', `/v2/lead/custom_fields/${tier.id}`, { as: ADMIN, body: { data: { choices: [{ id: 1, name: 'Gold' }, { id: 2, name: 'Silver' }] } } }), 409, 'conflict');
    const extended = await api('PUT', `/v2/lead/custom_fields/${tier.id}`, { as: ADMIN, body: { data: { choices: [{ id: 1, name: 'Gold+' }, { id: 2, name: 'Silver' }, { id: 3, name: 'Bronze' }, { name: 'Iron' }] } } });
    expect(extended.body.data.choices).toEqual([{ id: 1, name: 'Gold+' }, { id: 2, name: 'Silver' }, { id: 3, name: 'Bronze' }, { id: 4, name: 'Iron' }]);

    const newsletter = (await api('GET', '/v2/lead/custom_fields', { as: USER })).body.items.find((i: any) => i.data.name === 'Newsletter').data;
    expect((await api('DELETE', `/v2/lead/custom_fields/${newsletter.id}`, { as: ADMIN })).status).toBe(204);
    const after = (await api('GET', `/v2/leads/${l.id}`, { as: USER })).body.data.custom_fields;
    expect(after).not.toHaveProperty('Newsletter');
    expect(after).toMatchObject({ Tier: 'Bronze' });
  });
});
