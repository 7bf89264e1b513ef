import { TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { USERS, api, expectError } from '../support/http';

const ADMIN = USERS.acmeAdmin.username;
const U1 = USERS.acmeUser1.username;
const U3 = USERS.acmeUser3.username;

describe('/v2/tags', () => {
  const t = `T${Date.now()}`;
  const ids = (res: { body: any }) => res.body.items.map((i: any) => i.data.id);

  it('lists the tags records carry, adds tags and keeps names unique per record type', async () => {
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${t}-Lead`, tags: [`${t}-hot`, `${t}-eu`] } } })).body.data;
    const listed = await api('GET', `/v2/tags?resource_type=lead&name=${t}-hot`, { as: U3 });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ data: { name: `${t}-hot`, resource_type: 'lead', creator_id: USERS.acmeUser1.id }, meta: { type: 'tag' } });
    expect(lead.tags).toEqual([`${t}-hot`, `${t}-eu`]);

    const created = await api('POST', '/v2/tags', { as: U3, body: { data: { name: ` ${t}-vip `, resource_type: 'contact' } } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ data: { name: `${t}-vip`, resource_type: 'contact', creator_id: USERS.acmeUser3.id }, meta: { type: 'tag' } });
    expect((await api('GET', `/v2/tags/${created.body.data.id}`, { as: U1 })).body.data).toEqual(created.body.data);
    // The same name is another tag for another record type, and taken for the same one.
    const dealTag = await api('POST', '/v2/tags', { as: U1, body: { data: { name: `${t}-vip`, resource_type: 'deal' } } });
    expect(dealTag.status).toBe(200);
    expect(dealTag.body.data.id).toBeGreaterThanOrEqual(1e15);
    expect((await api('GET', `/v2/tags/${dealTag.body.data.id}`, { as: U1 })).body.data).toMatchObject({ resource_type: 'deal', name: `${t}-vip` });
    expectError(await api('POST', '/v2/tags', { as: U1, body: { data: { name: `${t}-vip`, resource_type: 'contact' } } }), 422, 'already_exists', '/data/name');
    expect(ids(await api('GET', `/v2/tags?name=${t}-vip`, { as: U1 }))).toEqual([created.body.data.id, dealTag.body.data.id]);

    // Paging without a resource type walks the lead and contact tags, then the deal tags.
    expect(ids(await api('GET', `/v2/tags?name=${t}-vip&per_page=1&page=2`, { as: U1 }))).toEqual([dealTag.body.data.id]);

    expectError(await api('POST', '/v2/tags', { as: U1, body: { data: { name: '  ', resource_type: 'lead' } } }), 422, 'blank', '/data/name');
    expectError(await api('POST', '/v2/tags', { as: U1, body: { data: { name: 'x'.repeat(65), resource_type: 'lead' } } }), 422, 'incorrect_value', '/data/name');
    expect((await api('POST', '/v2/tags', { as: U1, body: { data: { name: 'x', resource_type: 'planet' } } })).status).toBe(422);
    expectError(await api('GET', '/v2/tags?resource_type=planet', { as: U1 }), 400, 'invalid_param');
    expectError(await api('GET', '/v2/tags?colour=red', { as: U1 }), 400, 'invalid_param');
    expectError(await api('GET', '/v2/tags/999999999', { as: U1 }), 404, 'not_found');
  });

  it("renames and deletes a tag on every record carrying it, admins only, with the records' events", async () => {
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${t}-Retag`, tags: [`${t}-a`, `${t}-old`, `${t}-z`] } } })).body.data;
    const both = (await api('POST', '/v2/leads', { as: U3, body: { data: { last_name: `${t}-Both`, tags: [`${t}-old`, `${t}-new`] } } })).body.data;
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: `${t}-Buyer` } } })).body.data;
    const deal = (await api('POST', '/v2/deals', { as: U1, body: { data: { name: `${t}-Deal`, contact_id: contact.id, tags: [`${t}-old`] } } })).body.data;
    const tag = (await api('GET', `/v2/tags?resource_type=lead&name=${t}-old`, { as: U1 })).body.items[0].data;

    expectError(await api('PUT', `/v2/tags/${tag.id}`, { as: U1, body: { data: { name: `${t}-new` } } }), 403, 'forbidden');
    expectError(await api('DELETE', `/v2/tags/${tag.id}`, { as: USERS.acmeManager.username }), 403, 'forbidden');
    expectError(await api('PUT', `/v2/tags/${tag.id}`, { as: ADMIN, body: { data: { name: `${t}-new` } } }), 422, 'already_exists', '/data/name');

    const probe = new KafkaProbe([TOPICS.leadsLead, TOPICS.leadsTag]);
    await probe.start();
    try {
      const renamed = await api('PUT', `/v2/tags/${tag.id}`, { as: ADMIN, body: { data: { ...tag, name: `${t}-renamed` } } });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data).toMatchObject({ id: tag.id, name: `${t}-renamed`, resource_type: 'lead' });
      expect((await api('GET', `/v2/leads/${lead.id}`, { as: U1 })).body.data.tags).toEqual([`${t}-a`, `${t}-renamed`, `${t}-z`]);
      expect((await api('GET', `/v2/leads/${both.id}`, { as: U3 })).body.data.tags).toEqual([`${t}-renamed`, `${t}-new`]);
      // Deal tags are their own list: the deal keeps its tag.
      expect((await api('GET', `/v2/deals/${deal.id}`, { as: U1 })).body.data.tags).toEqual([`${t}-old`]);

      const updates = await probe.waitFor((r) => r.headers.ce_type === 'com.pipewright.crm.leads.lead.updated.v1' && [String(lead.id), String(both.id)].includes(r.key ?? ''), 2);
      expect(updates.map((r) => r.key).sort()).toEqual([String(lead.id), String(both.id)].sort());
      const [tagEvent] = await probe.waitFor((r) => r.key === String(tag.id), 1);
      expect(tagEvent!.headers.ce_type).toBe('com.pipewright.crm.leads.tag.updated.v1');

      expect((await api('DELETE', `/v2/tags/${tag.id}`, { as: ADMIN })).status).toBe(204);
      expect((await api('GET', `/v2/leads/${lead.id}`, { as: U1 })).body.data.tags).toEqual([`${t}-a`, `${t}-z`]);
      expect((await api('GET', `/v2/leads/${both.id}`, { as: U3 })).body.data.tags).toEqual([`${t}-new`]);
      expectError(await api('GET', `/v2/tags/${tag.id}`, { as: ADMIN }), 404, 'not_found');
      const deleted = await probe.waitFor((r) => r.key === String(tag.id) && r.headers.ce_type === 'com.pipewright.crm.leads.tag.deleted.v1', 1);
      expect(deleted).toHaveLength(1);
    } finally {
      await probe.stop();
    }

    // The deal tag of the same name goes through deals-pipelines.
    const dealTag = (await api('GET', `/v2/tags?resource_type=deal&name=${t}-old`, { as: U1 })).body.items[0].data;
    expect((await api('DELETE', `/v2/tags/${dealTag.id}`, { as: ADMIN })).status).toBe(204);
    expect((await api('GET', `/v2/deals/${deal.id}`, { as: U1 })).body.data.tags).toEqual([]);
  });

  it("keeps each tenant's tags to itself", async () => {
    const globex = USERS.globexAdmin.username;
    const own = (await api('POST', '/v2/tags', { as: U1, body: { data: { name: `${t}-private`, resource_type: 'lead' } } })).body.data;
    expect((await api('GET', `/v2/tags?name=${t}-private`, { as: globex })).body.items).toEqual([]);
    expectError(await api('GET', `/v2/tags/${own.id}`, { as: globex }), 404, 'not_found');
    expectError(await api('DELETE', `/v2/tags/${own.id}`, { as: globex }), 404, 'not_found');
    expect((await api('GET', `/v2/tags/${own.id}`, { as: U1 })).status).toBe(200);
  });
});
