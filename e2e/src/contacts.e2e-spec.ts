import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { USERS, api, expectError } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;


async function contact(as: string, data: Record<string, unknown>) {
  const res = await api('POST', '/v2/contacts', { as, body: { data } });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('/v2/contacts', () => {
  const probe = new KafkaProbe([TOPICS.leadsContact]);
  const tag = `C${Date.now()}`;
  beforeAll(() => probe.start());
  afterAll(() => probe.stop());

  it('creates organisations and people who belong to them, in Sell shape', async () => {
    const org = await contact(U1, { is_organization: true, name: `${tag} Widgets`, customer_status: 'current', address: { city: 'Leeds' } });
    expect(org).toMatchObject({ is_organization: true, name: `${tag} Widgets`, first_name: null, last_name: null, contact_id: null, parent_organization_id: null, customer_status: 'current', prospect_status: 'none', owner_id: USERS.acmeUser1.id });
    const person = await contact(U1, { first_name: 'Jane', last_name: 'Roe', name: 'ignored for people', contact_id: org.id, prospect_status: 'Current', parent_organization_id: null });
    expect(person).toMatchObject({ is_organization: false, name: 'Jane Roe', contact_id: org.id, prospect_status: 'current', customer_status: 'none' });

    // A client sends back what it read: is_organization repeated unchanged is fine, a change is not.
    const roundTrip = await api('PUT', `/v2/contacts/${person.id}`, { as: U1, body: { data: { ...person, title: 'CTO' } } });
    expect(roundTrip.status).toBe(200);
    expect(roundTrip.body.data.title).toBe('CTO');
    expectError(await api('PUT', `/v2/contacts/${person.id}`, { as: U1, body: { data: { is_organization: true } } }), 422, 'incorrect_value', '/data/is_organization');
  });

  it('validates names, statuses and organisation links, writing nothing on error', async () => {
    const nameless = await api('POST', '/v2/contacts', { as: U1, body: { data: { first_name: 'Only' } } });
    expectError(nameless, 422, 'missing', '/data/last_name');
    expect(nameless.body.errors).toHaveLength(1);
    expectError(await api('POST', '/v2/contacts', { as: U1, body: { data: { is_organization: true } } }), 422, 'missing', '/data/name');
    expectError(await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'X', customer_status: 'vip' } } }), 422, 'incorrect_value', '/data/customer_status');
    const person = await contact(U1, { last_name: `${tag}-Person` });
    expectError(await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'X', contact_id: person.id } } }), 422, 'incorrect_value', '/data/contact_id');
    const globexOrg = await contact('globex-user1', { is_organization: true, name: 'Globex Org' });
    expectError(await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'X', contact_id: globexOrg.id } } }), 422, 'incorrect_value', '/data/contact_id');

    const a = await contact(U1, { is_organization: true, name: `${tag} A` });
    const b = await contact(U1, { is_organization: true, name: `${tag} B`, parent_organization_id: a.id });
    expectError(await api('PUT', `/v2/contacts/${a.id}`, { as: U1, body: { data: { parent_organization_id: b.id } } }), 422, 'incorrect_value', '/data/parent_organization_id');
    expect((await api('GET', `/v2/contacts?name=${encodeURIComponent(`${tag} X`)}`, { as: U1 })).body.items).toEqual([]);
  });

  it('splits customers from potential customers and follows visibility', async () => {
    const customer = await contact(U2, { last_name: `${tag}-Cust`, customer_status: 'current' });
    const prospect = await contact(U2, { last_name: `${tag}-Prosp`, prospect_status: 'current' });
    const ids = `${customer.id},${prospect.id}`;
    const list = (as: string, q: string) => api('GET', `/v2/contacts?ids=${ids}&${q}`, { as }).then((r) => r.body.items.map((i: any) => i.data.id));
    expect(await list(U2, 'customer_status=current')).toEqual([customer.id]);
    expect((await api('GET', `/v2/contacts?ids=${ids}&with_total_count=true&per_page=1`, { as: U2 })).body.meta).toMatchObject({ count: 1, total_count: 2 });
    expect(await list(U2, 'customer_status=none&prospect_status=current')).toEqual([prospect.id]);
    expect(await list(U1, 'per_page=10')).toEqual([]);
    expect(await list(USERS.acmeManager.username, 'per_page=10')).toEqual([customer.id, prospect.id]);
    expectError(await api('GET', `/v2/contacts/${customer.id}`, { as: U1 }), 404, 'not_found');
    expectError(await api('GET', '/v2/contacts?is_organization=maybe', { as: U1 }), 400, 'invalid_param');
    const sorted = await api('GET', `/v2/contacts?ids=${ids}`, { as: U2 });
    expect(sorted.body.items.map((i: any) => i.data.id)).toEqual([customer.id, prospect.id]);
  });

  it('unlinks the people of a deleted organisation, each with its own event', async () => {
    const org = await contact(U1, { is_organization: true, name: `${tag} Doomed` });
    const person = await contact(U1, { last_name: `${tag}-Staff`, contact_id: org.id });
    expect((await api('DELETE', `/v2/contacts/${org.id}`, { as: U1 })).status).toBe(204);
    expect((await api('GET', `/v2/contacts/${person.id}`, { as: U1 })).body.data.contact_id).toBeNull();

    const [, unlinked] = await probe.waitFor((r) => r.key === String(person.id), 2);
    const event = decodePayload<any>(parseCloudEvent(unlinked!.topic, unlinked!.key, unlinked!.value, unlinked!.headers));
    expect(unlinked!.headers.ce_type).toBe('com.pipewright.crm.leads.contact.updated.v1');
    expect(event.changedFields).toEqual(['contact_id']);
    expect(event.previousValues).toEqual({ contact_id: String(org.id) });
    const [deleted] = await probe.waitFor((r) => r.key === String(org.id) && r.headers.ce_type === 'com.pipewright.crm.leads.contact.deleted.v1');
    expect(decodePayload<any>(parseCloudEvent(deleted!.topic, deleted!.key, deleted!.value, deleted!.headers))).toMatchObject({ id: String(org.id), isOrganization: true });
  });

  it('applies contact custom fields to organisations or people as defined', async () => {
    const def = await api('POST', '/v2/contact/custom_fields', { as: USERS.acmeAdmin.username, body: { data: { name: `${tag} Employees`, type: 'number', for_contact: false } } });
    expect(def.body.data).toMatchObject({ for_company: true, for_contact: false });
    const org = await contact(U1, { is_organization: true, name: `${tag} Big`, custom_fields: { [`${tag} Employees`]: 5000 } });
    expect(org.custom_fields).toEqual({ [`${tag} Employees`]: '5000' });
    expectError(await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'P', custom_fields: { [`${tag} Employees`]: 1 } } } }), 422, 'incorrect_value');
    const found = await api('GET', `/v2/contacts?custom_fields[${encodeURIComponent(`${tag} Employees`)}]=5000`, { as: U1 });
    expect(found.body.items.map((i: any) => i.data.id)).toEqual([org.id]);
  });
});
