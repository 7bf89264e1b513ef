import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { USERS, api, expectError } from '../support/http';

const U1 = USERS.acmeUser1.username;
const ADMIN = USERS.acmeAdmin.username;


describe('/v2/lead_conversions', () => {
  const probe = new KafkaProbe([TOPICS.leadsLead, TOPICS.leadsContact]);
  const tag = `LC${Date.now()}`;
  const segment = `${tag} Segment`;

  beforeAll(async () => {
    await probe.start();
    for (const resource of ['lead', 'contact']) {
      const res = await api('POST', `/v2/${resource}/custom_fields`, { as: ADMIN, body: { data: { name: segment, type: 'list', choices: ['SMB', 'Enterprise'] } } });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => probe.stop());

  it('turns a lead into a person and an organisation, once and for good', async () => {
    const lead = (await api('POST', '/v2/leads', {
      as: U1,
      body: { data: { first_name: 'Ada', last_name: `${tag}-Lovelace`, organization_name: `${tag} Engines`, email: 'ada@engines.example', tags: ['hot'], address: { city: 'London' }, custom_fields: { [segment]: 'Enterprise' } } },
    })).body.data;

    const converted = await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: lead.id } } });
    expect(converted.status).toBe(200);
    expect(converted.body).toMatchObject({ data: { lead_id: lead.id, deal_id: null, creator_id: USERS.acmeUser1.id }, meta: { type: 'lead_conversion' } });
    const { individual_id: personId, organization_id: orgId } = converted.body.data;

    const person = (await api('GET', `/v2/contacts/${personId}`, { as: U1 })).body.data;
    expect(person).toMatchObject({ is_organization: false, name: `Ada ${tag}-Lovelace`, email: 'ada@engines.example', contact_id: orgId, owner_id: USERS.acmeUser1.id, prospect_status: 'current', tags: ['hot'], address: { city: 'London' }, custom_fields: { [segment]: 'Enterprise' } });
    expect((await api('GET', `/v2/contacts/${orgId}`, { as: U1 })).body.data).toMatchObject({ is_organization: true, name: `${tag} Engines` });

    expectError(await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: lead.id } } }), 422, 'incorrect_value');
    expectError(await api('PUT', `/v2/leads/${lead.id}`, { as: U1, body: { data: { status: 'working' } } }), 422, 'incorrect_value');
    expectError(await api('DELETE', `/v2/leads/${lead.id}`, { as: U1 }), 422, 'incorrect_value');
    expect((await api('GET', `/v2/leads/${lead.id}`, { as: U1 })).status).toBe(200);
    expect((await api('GET', `/v2/leads?ids=${lead.id}`, { as: U1 })).body.items).toEqual([]);

    const listed = await api('GET', `/v2/lead_conversions?lead_id=${lead.id}`, { as: U1 });
    expect(listed.body.items.map((i: any) => i.data)).toEqual([converted.body.data]);

    const events = await probe.waitFor((r) => r.headers.ce_type === 'com.pipewright.crm.leads.lead.converted.v1' && r.key === String(lead.id));
    const payload = decodePayload<any>(parseCloudEvent(events[0]!.topic, events[0]!.key, events[0]!.value, events[0]!.headers));
    expect(payload.conversion).toMatchObject({ leadId: String(lead.id), individualId: String(personId), organizationId: String(orgId) });
    await probe.waitFor((r) => r.topic === TOPICS.leadsContact && (r.key === String(personId) || r.key === String(orgId)), 2);
  });

  it('reuses an organisation of the same name and converts organisation-only leads', async () => {
    const first = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'One', organization_name: `${tag} Shared` } } })).body.data;
    const second = (await api('POST', '/v2/leads', { as: U1, body: { data: { organization_name: `${tag.toLowerCase()} shared` } } })).body.data;
    const a = (await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: first.id } } })).body.data;
    const b = (await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: second.id } } })).body.data;
    expect(b.organization_id).toBe(a.organization_id);
    expect(b.individual_id).toBeNull();
  });

  it('follows lead visibility and rejects bad input', async () => {
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${tag}-Private` } } })).body.data;
    expectError(await api('POST', '/v2/lead_conversions', { as: USERS.acmeUser3.username, body: { data: { lead_id: lead.id } } }), 404, 'not_found');
    expectError(await api('POST', '/v2/lead_conversions', { as: 'globex-admin', body: { data: { lead_id: lead.id } } }), 404, 'not_found');
    expectError(await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: 'abc' } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: lead.id, create_deal: 'yes' } } }), 422, 'invalid_type');
    expectError(await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: lead.id, colour: 'red' } } }), 422, 'unknown');
    expectError(await api('GET', '/v2/lead_conversions?page=51', { as: U1 }), 400, 'invalid_param');
    expect((await api('GET', `/v2/leads/${lead.id}`, { as: U1 })).body.data).toMatchObject({ last_name: `${tag}-Private` });
    const manager = await api('POST', '/v2/lead_conversions', { as: USERS.acmeManager.username, body: { data: { lead_id: lead.id } } });
    expect(manager.status).toBe(200);
    expect((await api('GET', `/v2/lead_conversions?lead_id=${lead.id}`, { as: USERS.acmeUser3.username })).body.items).toEqual([]);
  });
});
