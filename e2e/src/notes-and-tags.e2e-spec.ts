import { TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { USERS, api, expectError } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U3 = USERS.acmeUser3.username;


describe('notes and tags', () => {
  const tag = `N${Date.now()}`;

  it('keeps notes on leads and contacts visible exactly when their record is', async () => {
    const probe = new KafkaProbe([TOPICS.leadsNote]);
    await probe.start();
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${tag}-Noted` } } })).body.data;
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: `${tag}-Contact` } } })).body.data;

    const note = await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'lead', resource_id: lead.id, content: ` Called ${tag}, wants a demo `, tags: ['call'] } } });
    expect(note.status).toBe(200);
    expect(note.body).toMatchObject({ data: { resource_type: 'lead', resource_id: lead.id, content: `Called ${tag}, wants a demo`, is_important: false, tags: ['call'], creator_id: USERS.acmeUser1.id }, meta: { type: 'note' } });
    await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'contact', resource_id: contact.id, content: `Met ${tag} at the fair` } } });

    const onLead = await api('GET', `/v2/notes?resource_type=lead&resource_id=${lead.id}`, { as: U1 });
    expect(onLead.body.items.map((i: any) => i.data.id)).toEqual([note.body.data.id]);
    const search = await api('GET', `/v2/notes?q=${encodeURIComponent(`${tag} demo`)}`, { as: U1 });
    expect(search.body.items.map((i: any) => i.data.id)).toEqual([note.body.data.id]);
    expect((await api('GET', `/v2/notes?q=${tag}`, { as: U1 })).body.items).toHaveLength(2);
    expect((await api('GET', `/v2/notes?q=${tag}`, { as: USERS.acmeManager.username })).body.items).toHaveLength(2);
    expect((await api('GET', `/v2/notes?q=${tag}`, { as: U3 })).body.items).toEqual([]);
    expectError(await api('GET', `/v2/notes/${note.body.data.id}`, { as: U3 }), 404, 'not_found');
    expectError(await api('POST', '/v2/notes', { as: U3, body: { data: { resource_type: 'lead', resource_id: lead.id, content: 'sneaky' } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'planet', resource_id: lead.id, content: 'x' } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'lead', resource_id: lead.id, content: '   ' } } }), 422, 'blank');
    expectError(await api('GET', '/v2/notes?sort_by=content', { as: U1 }), 400, 'invalid_param');

    const updated = await api('PUT', `/v2/notes/${note.body.data.id}`, { as: U1, body: { data: { ...note.body.data, is_important: true } } });
    expect(updated.body.data).toMatchObject({ is_important: true, content: `Called ${tag}, wants a demo` });
    expect((await api('DELETE', `/v2/notes/${note.body.data.id}`, { as: U1 })).status).toBe(204);
    const types = (await probe.waitFor((r) => r.key === String(note.body.data.id), 3)).map((r) => r.headers.ce_type);
    expect(types).toEqual(['com.pipewright.crm.leads.note.created.v1', 'com.pipewright.crm.leads.note.updated.v1', 'com.pipewright.crm.leads.note.deleted.v1']);
    await probe.stop();

    // Deleting a record deletes its notes.
    await api('DELETE', `/v2/contacts/${contact.id}`, { as: U1 });
    expect((await api('GET', `/v2/notes?q=${tag}`, { as: U1 })).body.items).toEqual([]);
  });

  it('filters leads and contacts by tags and replaces tags on update', async () => {
    const a = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${tag}-A`, tags: [`${tag}-hot`, `${tag}-eu`] } } })).body.data;
    const b = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${tag}-B`, tags: [`${tag}-hot`] } } })).body.data;
    const ids = async (q: string) => (await api('GET', `/v2/leads?${q}`, { as: U1 })).body.items.map((i: any) => i.data.id);
    expect(await ids(`tags=${tag}-hot`)).toEqual([a.id, b.id]);
    expect(await ids(`tags=${tag}-hot,${tag}-eu`)).toEqual([a.id]);
    await api('PUT', `/v2/leads/${a.id}`, { as: U1, body: { data: { tags: [`${tag}-cold`] } } });
    expect(await ids(`tags=${tag}-hot`)).toEqual([b.id]);
    const c = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: `${tag}-C`, tags: [`${tag}-vip`] } } })).body.data;
    expect((await api('GET', `/v2/contacts?tags=${tag}-vip`, { as: U1 })).body.items.map((i: any) => i.data.id)).toEqual([c.id]);
  });
});
