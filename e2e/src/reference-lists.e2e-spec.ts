import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import { KafkaProbe, TENANTS } from '@crm/testing';
import { api, expectError } from '../support/http';

const ADMIN = 'globex-admin';
const USER = 'globex-user1';


describe('lead sources and lead unqualified reasons', () => {
  const probe = new KafkaProbe([TOPICS.leadsReferenceItem]);
  beforeAll(() => probe.start());
  afterAll(() => probe.stop());

  it('gives every tenant default items that every user can read', async () => {
    const reasons = await api('GET', '/v2/lead_unqualified_reasons', { as: USER });
    expect(reasons.status).toBe(200);
    expect(reasons.body.items.map((i: any) => i.data.name)).toEqual(['Not interested', 'No budget', 'Bad timing', 'Not a decision maker', 'Unreachable']);
    expect(reasons.body.items[0]).toMatchObject({ data: { creator_id: null }, meta: { type: 'lead_unqualified_reason' } });
    const sources = await api('GET', '/v2/lead_sources?name=Website', { as: USER });
    expect(sources.body.items).toEqual([{ data: expect.objectContaining({ name: 'Website', resource_type: 'lead' }), meta: { type: 'lead_source' } }]);
  });

  it('lets admins create, rename and delete items, and nobody else', async () => {
    const created = await api('POST', '/v2/lead_sources', { as: ADMIN, body: { data: { name: '  Trade   show ' } } });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ name: 'Trade show', creator_id: 2001, resource_type: 'lead' });
    const id = created.body.data.id;

    expectError(await api('POST', '/v2/lead_sources', { as: ADMIN, body: { data: { name: 'trade SHOW' } } }), 422, 'already_exists');
    expectError(await api('POST', '/v2/lead_sources', { as: USER, body: { data: { name: 'Mine' } } }), 403, 'forbidden');
    expectError(await api('POST', '/v2/lead_sources', { as: ADMIN, body: { data: { name: '   ' } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/lead_sources', { as: ADMIN, body: { data: { name: 'X', color: 'red' } } }), 422, 'unknown');
    expectError(await api('GET', '/v2/lead_sources?color=red', { as: ADMIN }), 400, 'invalid_param');

    const renamed = await api('PUT', `/v2/lead_sources/${id}`, { as: ADMIN, body: { data: { name: 'Trade fair' } } });
    expect(renamed.body.data.name).toBe('Trade fair');
    expectError(await api('PUT', `/v2/lead_sources/${id}`, { as: USER, body: { data: { name: 'Nope' } } }), 403, 'forbidden');
    expect((await api('GET', `/v2/lead_sources/${id}`, { as: USER })).body.data.name).toBe('Trade fair');

    // Another tenant never sees it.
    expectError(await api('GET', `/v2/lead_sources/${id}`, { as: 'acme-admin' }), 404, 'not_found');
    expect((await api('GET', `/v2/lead_sources?ids=${id}`, { as: 'acme-admin' })).body.items).toEqual([]);

    const events = await probe.waitFor((r) => r.key === String(id), 2);
    const [createdEvent, updatedEvent] = events.map((r) => ({ type: r.headers.ce_type, tenant: r.headers.ce_tenantid, payload: decodePayload<any>(parseCloudEvent(r.topic, r.key, r.value, r.headers)) }));
    expect(createdEvent).toMatchObject({ type: 'com.pipewright.crm.leads.reference-item.created.v1', tenant: TENANTS.globex, payload: { item: { name: 'Trade show' } } });
    expect(updatedEvent).toMatchObject({ type: 'com.pipewright.crm.leads.reference-item.updated.v1', payload: { item: { name: 'Trade fair' }, previousName: 'Trade show' } });

    expect((await api('DELETE', `/v2/lead_sources/${id}`, { as: ADMIN })).status).toBe(204);
    expectError(await api('GET', `/v2/lead_sources/${id}`, { as: ADMIN }), 404, 'not_found');
  });

  it('validates lead sources and unqualified reasons on leads, and keeps used items', async () => {
    const source = (await api('POST', '/v2/lead_sources', { as: ADMIN, body: { data: { name: `Webinar ${Date.now()}` } } })).body.data.id;
    const reason = (await api('GET', '/v2/lead_unqualified_reasons?name=No%20budget', { as: USER })).body.items[0].data.id;

    const lead = await api('POST', '/v2/leads', { as: USER, body: { data: { last_name: 'Sourced', source_id: source } } });
    expect(lead.status).toBe(200);
    expect(lead.body.data.source_id).toBe(source);
    const leadId = lead.body.data.id;

    expectError(await api('POST', '/v2/leads', { as: USER, body: { data: { last_name: 'Bad', source_id: 999999 } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/leads', { as: USER, body: { data: { last_name: 'Wrong list', source_id: reason } } }), 422, 'incorrect_value');
    const acmeSource = (await api('GET', '/v2/lead_sources?name=Website', { as: 'acme-user1' })).body.items[0].data.id;
    expectError(await api('POST', '/v2/leads', { as: USER, body: { data: { last_name: 'Foreign', source_id: acmeSource } } }), 422, 'incorrect_value');

    expectError(await api('DELETE', `/v2/lead_sources/${source}`, { as: ADMIN }), 409, 'conflict');

    expectError(await api('PUT', `/v2/leads/${leadId}`, { as: USER, body: { data: { status: 'working', unqualified_reason_id: reason } } }), 422, 'incorrect_value');
    const unqualified = await api('PUT', `/v2/leads/${leadId}`, { as: USER, body: { data: { status: 'Unqualified', unqualified_reason_id: reason } } });
    expect(unqualified.body.data).toMatchObject({ status: 'unqualified', unqualified_reason_id: reason });
    const requalified = await api('PUT', `/v2/leads/${leadId}`, { as: USER, body: { data: { status: 'working' } } });
    expect(requalified.body.data).toMatchObject({ status: 'working', unqualified_reason_id: null });

    await api('PUT', `/v2/leads/${leadId}`, { as: USER, body: { data: { source_id: null } } });
    expect((await api('DELETE', `/v2/lead_sources/${source}`, { as: ADMIN })).status).toBe(204);
  });
});
