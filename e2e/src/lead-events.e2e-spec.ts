import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import { KafkaProbe, TENANTS } from '@crm/testing';
import { api, USERS } from '../support/http';

describe('lead events on Kafka', () => {
  const probe = new KafkaProbe([TOPICS.leadsLead]);

  beforeAll(() => probe.start());
  afterAll(() => probe.stop());

  it('publishes one CloudEvent per committed change, with the changed fields and the tenant', async () => {
    const as = USERS.acmeUser1.username;
    const created = await api('POST', '/v2/leads', { as, body: { data: { last_name: 'Evented', status: 'new' } } });
    const id = String(created.body.data.id);
    await api('PUT', `/v2/leads/${id}`, { as, body: { data: { status: 'working', title: 'CTO' } } });
    // Nothing changes, so nothing is published.
    await api('PUT', `/v2/leads/${id}`, { as, body: { data: { status: 'working' } } });
    // Refused changes publish nothing either.
    await api('PUT', `/v2/leads/${id}`, { as, body: { data: { status: 'bogus' } } });
    await api('DELETE', `/v2/leads/${id}`, { as });

    const records = await probe.waitFor((r) => r.key === id, 3);
    await new Promise((r) => setTimeout(r, 1500));
    const mine = probe.records.filter((r) => r.key === id);
    expect(mine.map((r) => r.headers.ce_type)).toEqual([
      'com.pipewright.crm.leads.lead.created.v1',
      'com.pipewright.crm.leads.lead.updated.v1',
      'com.pipewright.crm.leads.lead.deleted.v1',
    ]);
    for (const r of records) {
      expect(r.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_source: '/crm/leads-contacts',
        ce_tenantid: TENANTS.acme,
        ce_subject: `tenants/${TENANTS.acme}/leads/${id}`,
        ce_partitionkey: id,
        'content-type': 'application/protobuf',
      });
      expect(new Date(r.headers.ce_time!).getTime()).not.toBeNaN();
    }
    expect(new Set(mine.map((r) => r.headers.ce_id)).size).toBe(3);

    const [createdEvent, updatedEvent, deletedEvent] = mine.map((r) => decodePayload<any>(parseCloudEvent(r.topic, r.key, r.value, r.headers)));
    expect(createdEvent.lead).toMatchObject({ id, lastName: 'Evented', status: 'new', ownerId: String(USERS.acmeUser1.id) });
    expect(updatedEvent.changedFields.sort()).toEqual(['status', 'title']);
    expect(updatedEvent.previousValues).toEqual({ status: 'new', title: null });
    expect(updatedEvent.lead).toMatchObject({ status: 'working', title: 'CTO', version: '2' });
    expect(deletedEvent).toEqual({ id, ownerId: String(USERS.acmeUser1.id) });
  });
});
