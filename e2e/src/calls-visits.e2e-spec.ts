import { TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { api, expectError, USERS } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const MANAGER = USERS.acmeManager.username;
const ADMIN = USERS.acmeAdmin.username;
type Item = { data: { id: number; name?: string } };
const ids = (res: { body: { items: Item[] } }) => res.body.items.map((i) => i.data.id);

const probe = new KafkaProbe([TOPICS.calendarCall, TOPICS.calendarVisit]);
beforeAll(() => probe.start());
afterAll(() => probe.stop());

describe('/v2/call_outcomes and /v2/visit_outcomes', () => {
  it('start with defaults every member reads, and only admins change them; one still used by a call stays', async () => {
    const outcomes = await api('GET', '/v2/call_outcomes', { as: U1 });
    expect(outcomes.status).toBe(200);
    expect(outcomes.body.items.map((i: Item) => i.data.name)).toEqual(expect.arrayContaining(['Interested', 'No answer']));
    expect(outcomes.body.items[0].meta).toEqual({ type: 'call_outcome' });
    expect((await api('GET', '/v2/visit_outcomes', { as: U1 })).body.items.length).toBeGreaterThan(0);
    expectError(await api('POST', '/v2/call_outcomes', { as: U1, body: { data: { name: 'Sold' } } }), 403, 'forbidden');
    const sold = await api('POST', '/v2/call_outcomes', { as: ADMIN, body: { data: { name: `Sold ${Date.now()}` } } });
    expect(sold.status).toBe(200);
    const call = await api('POST', '/v2/calls', { as: U1, body: { data: { summary: 'Closed it', outcome_id: sold.body.data.id } } });
    expect(call.status).toBe(200);
    expect((await api('DELETE', `/v2/call_outcomes/${sold.body.data.id}`, { as: ADMIN })).status).toBe(409);
    expect((await api('DELETE', `/v2/calls/${call.body.data.id}`, { as: U1 })).status).toBe(204);
    expect((await api('DELETE', `/v2/call_outcomes/${sold.body.data.id}`, { as: ADMIN })).status).toBe(204);
  });
});

describe('/v2/calls', () => {
  it('logs, reads, changes and deletes a call on a contact with a deal, in Sell\'s shape, with its events', async () => {
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'Called' } } })).body.data;
    const stage = (await api('GET', '/v2/stages?per_page=1', { as: U1 })).body.items[0].data;
    const deal = (await api('POST', '/v2/deals', { as: U1, body: { data: { name: 'Called deal', contact_id: contact.id, stage_id: stage.id } } })).body.data;
    const outcome = (await api('GET', '/v2/call_outcomes?name=Interested', { as: U1 })).body.items[0].data;
    const created = await api('POST', '/v2/calls', {
      as: U1,
      body: { data: { summary: ' Talked pricing ', duration: 95, phone_number: '+1 555 0100', incoming: false, missed: false, outcome_id: outcome.id, resource_type: 'contact', resource_id: contact.id, associated_deal_ids: [deal.id], made_at: '2026-12-01T10:00:00Z', recording_url: 'https://voice.example/rec/1', external_id: `ext-${Date.now()}` } },
    });
    expect(created.status).toBe(200);
    const call = created.body.data;
    expect(call).toEqual({
      id: expect.any(Number), user_id: USERS.acmeUser1.id, summary: 'Talked pricing', recording_url: 'https://voice.example/rec/1', outcome_id: outcome.id, duration: 95,
      phone_number: '+1 555 0100', incoming: false, missed: false, resource_type: 'contact', resource_id: contact.id, associated_deal_ids: [deal.id],
      made_at: '2026-12-01T10:00:00Z', external_id: expect.stringMatching(/^ext-/), created_at: expect.any(String), updated_at: expect.any(String),
    });
    expect(created.body.meta).toEqual({ type: 'call' });
    expect((await api('GET', `/v2/calls/${call.id}`, { as: U1 })).body.data).toEqual(call);
    expect(ids(await api('GET', `/v2/calls?associated_deal_id=${deal.id}`, { as: U1 }))).toEqual([call.id]);
    expect(ids(await api('GET', `/v2/calls?resource_type=contact&resource_id=${contact.id}`, { as: U1 }))).toEqual([call.id]);

    const updated = await api('PUT', `/v2/calls/${call.id}`, { as: U1, body: { data: { ...call, duration: 120, recording_url: null } } });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ duration: 120, recording_url: null, summary: 'Talked pricing' });
    expectError(await api('POST', '/v2/calls', { as: U1, body: { data: { summary: 'Again', external_id: call.external_id } } }), 422, 'already_exists', '/data/external_id');
    expect((await api('DELETE', `/v2/calls/${call.id}`, { as: U1 })).status).toBe(204);
    expect((await api('GET', `/v2/calls/${call.id}`, { as: U1 })).status).toBe(404);

    const id = String(call.id);
    await probe.waitFor((r) => r.key === id && r.headers.ce_type === 'com.pipewright.crm.calendar.call.deleted.v1');
    expect(probe.records.filter((r) => r.key === id && r.topic === TOPICS.calendarCall).map((r) => r.headers.ce_type)).toEqual([
      'com.pipewright.crm.calendar.call.created.v1', 'com.pipewright.crm.calendar.call.updated.v1', 'com.pipewright.crm.calendar.call.deleted.v1',
    ]);
  });

  it('keeps calls to whoever sees their user, logs them within reach, and checks records, deals and outcomes', async () => {
    const u2Call = (await api('POST', '/v2/calls', { as: U2, body: { data: { summary: 'Mine' } } })).body.data;
    expect((await api('GET', `/v2/calls/${u2Call.id}`, { as: U1 })).status).toBe(404);
    expect((await api('GET', `/v2/calls/${u2Call.id}`, { as: MANAGER })).status).toBe(200);
    expect((await api('GET', `/v2/calls/${u2Call.id}`, { as: USERS.globexAdmin.username })).status).toBe(404);
    expect(ids(await api('GET', `/v2/calls?ids=${u2Call.id}`, { as: U1 }))).toEqual([]);
    expectError(await api('POST', '/v2/calls', { as: U1, body: { data: { summary: 'For someone else', user_id: USERS.acmeUser2.id } } }), 403, 'forbidden');
    expect((await api('POST', '/v2/calls', { as: MANAGER, body: { data: { summary: 'For my report', user_id: USERS.acmeUser1.id } } })).body.data.user_id).toBe(USERS.acmeUser1.id);

    const othersLead = (await api('POST', '/v2/leads', { as: U2, body: { data: { last_name: 'Not yours' } } })).body.data;
    expectError(await api('POST', '/v2/calls', { as: U1, body: { data: { resource_type: 'lead', resource_id: othersLead.id } } }), 404, 'not_found', '/data/resource_id');
    expectError(await api('POST', '/v2/calls', { as: U1, body: { data: { associated_deal_ids: [999999999] } } }), 404, 'not_found', '/data/associated_deal_ids');
    const globexOutcome = (await api('GET', '/v2/call_outcomes', { as: USERS.globexAdmin.username })).body.items[0].data;
    expectError(await api('POST', '/v2/calls', { as: U1, body: { data: { outcome_id: globexOutcome.id } } }), 422, 'incorrect_value', '/data/outcome_id');
    expectError(await api('POST', '/v2/calls', { as: U1, body: { data: { duration: -1 } } }), 422, 'incorrect_value', '/data/duration');
    expectError(await api('POST', '/v2/calls', { as: U1, body: { data: { recording_url: 'javascript:alert(1)' } } }), 422, 'incorrect_value', '/data/recording_url');
    expectError(await api('POST', '/v2/calls', { as: U1, body: { data: { resource_type: 'deal', resource_id: 1 } } }), 422, 'incorrect_value', '/data/resource_type');
    expectError(await api('GET', '/v2/calls?resource_type=deal', { as: U1 }), 400, 'invalid_param');
  });
});

describe('/v2/visits and /v2/text_messages', () => {
  it('records visits at records the caller sees, with a verification status that follows the position', async () => {
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'Visited' } } })).body.data;
    const outcome = (await api('GET', '/v2/visit_outcomes', { as: U1 })).body.items[0].data;
    const located = await api('POST', '/v2/visits', { as: U1, body: { data: { resource_type: 'lead', resource_id: lead.id, outcome_id: outcome.id, summary: 'Met the buyer', resource_address: '1 Main St', latitude: 52.52, longitude: 13.405, visited_at: '2026-12-02T09:30:00Z' } } });
    expect(located.status).toBe(200);
    expect(located.body.data).toEqual({
      id: expect.any(Number), creator_id: USERS.acmeUser1.id, outcome_id: outcome.id, resource_type: 'lead', resource_id: lead.id, resource_address: '1 Main St',
      rep_location_verification_status: 'unverified', summary: 'Met the buyer', latitude: 52.52, longitude: 13.405, visited_at: '2026-12-02T09:30:00Z',
      created_at: expect.any(String), updated_at: expect.any(String),
    });
    const [event] = await probe.waitFor((r) => r.topic === TOPICS.calendarVisit && r.key === String(located.body.data.id));
    expect(event!.headers).toMatchObject({ ce_type: 'com.pipewright.crm.calendar.visit.created.v1', ce_source: '/crm/calendar-tasks' });
    const blind = (await api('POST', '/v2/visits', { as: U1, body: { data: { resource_type: 'lead', resource_id: lead.id } } })).body.data;
    expect(blind.rep_location_verification_status).toBe('unavailable');
    expect(ids(await api('GET', `/v2/visits?resource_type=lead&resource_id=${lead.id}&sort_by=id`, { as: U1 }))).toEqual([located.body.data.id, blind.id]);
    expect(ids(await api('GET', `/v2/visits?resource_type=lead&resource_id=${lead.id}&rep_location_verification_status=unverified`, { as: U1 }))).toEqual([located.body.data.id]);
    expect(ids(await api('GET', `/v2/visits?resource_type=lead&resource_id=${lead.id}`, { as: U2 }))).toEqual([]);
    expect(ids(await api('GET', `/v2/visits?resource_type=lead&resource_id=${lead.id}`, { as: MANAGER }))).toHaveLength(2);

    expectError(await api('POST', '/v2/visits', { as: U1, body: { data: { resource_type: 'lead', resource_id: lead.id, rep_location_verification_status: 'verified' } } }), 422, 'incorrect_value', '/data/rep_location_verification_status');
    expectError(await api('POST', '/v2/visits', { as: U1, body: { data: { resource_type: 'lead', resource_id: lead.id, latitude: 10 } } }), 422, 'missing', '/data/longitude');
    expectError(await api('POST', '/v2/visits', { as: U2, body: { data: { resource_type: 'lead', resource_id: lead.id } } }), 404, 'not_found', '/data/resource_id');
    expectError(await api('POST', '/v2/visits', { as: U1, body: { data: { resource_type: 'lead' } } }), 422, 'incorrect_value', '/data/resource_id');
  });

  it('lists text messages by record, both named or neither', async () => {
    const listed = await api('GET', '/v2/text_messages', { as: U1 });
    expect(listed.status).toBe(200);
    expect(listed.body.meta).toMatchObject({ type: 'collection' });
    expectError(await api('GET', '/v2/text_messages?resource_type=lead', { as: U1 }), 400, 'invalid_param');
    expect((await api('GET', '/v2/text_messages?resource_type=lead&resource_id=1', { as: U1 })).status).toBe(200);
    expect((await api('GET', '/v2/text_messages/999999', { as: U1 })).status).toBe(404);
  });
});
