import { TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { USERS, api, expectError } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const U3 = USERS.acmeUser3.username;

describe('/v2/collaborations: collaborators on leads, contacts and deals', () => {
  const t = `C${Date.now()}`;
  const ids = (res: { body: any }) => res.body.items.map((i: any) => i.data.id);

  async function dealOfUser1(name: string) {
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: `${t}-${name}-Buyer` } } })).body.data;
    return (await api('POST', '/v2/deals', { as: U1, body: { data: { name: `${t}-${name}`, contact_id: contact.id, value: 100 } } })).body.data;
  }

  it('lets a collaborator see and edit a deal they do not own, and its notes, until they leave', async () => {
    const deal = await dealOfUser1('Shared');
    const note = (await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'deal', resource_id: deal.id, content: `${t} owner's note` } } })).body.data;
    expectError(await api('GET', `/v2/deals/${deal.id}`, { as: U3 }), 404, 'not_found');

    const probe = new KafkaProbe([TOPICS.dealsCollaboration]);
    await probe.start();
    try {
      const created = await api('POST', '/v2/collaborations', { as: U1, body: { data: { resource_type: 'deal', resource_id: deal.id, collaborator_id: USERS.acmeUser3.id }, meta: { type: 'collaboration' } } });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ data: { resource_type: 'deal', resource_id: deal.id, collaborator_id: USERS.acmeUser3.id, creator_id: USERS.acmeUser1.id }, meta: { type: 'collaboration' } });
      const collaboration = created.body.data;
      // Deal collaborations have ids from 10^15: the gateway finds their service by id.
      expect(collaboration.id).toBeGreaterThanOrEqual(1e15);

      expect((await api('GET', `/v2/deals/${deal.id}`, { as: U3 })).body.data.name).toBe(`${t}-Shared`);
      expect(ids(await api('GET', `/v2/deals?ids=${deal.id}`, { as: U3 }))).toEqual([deal.id]);
      expect((await api('PUT', `/v2/deals/${deal.id}`, { as: U3, body: { data: { value: 250 } } })).body.data.value).toBe(250);
      expect(ids(await api('GET', `/v2/notes?resource_type=deal&resource_id=${deal.id}`, { as: U3 }))).toEqual([note.id]);
      expect((await api('POST', '/v2/notes', { as: U3, body: { data: { resource_type: 'deal', resource_id: deal.id, content: `${t} collaborator's note` } } })).status).toBe(200);
      expect(ids(await api('GET', `/v2/collaborations?resource_id=${deal.id}`, { as: U3 }))).toEqual([collaboration.id]);

      // What stays with those who see the deal by its owner.
      expectError(await api('DELETE', `/v2/deals/${deal.id}`, { as: U3 }), 403, 'forbidden');
      expectError(await api('PUT', `/v2/deals/${deal.id}`, { as: U3, body: { data: { owner_id: USERS.acmeUser3.id } } }), 403, 'forbidden');
      expectError(await api('POST', '/v2/collaborations', { as: U3, body: { data: { resource_type: 'deal', resource_id: deal.id, collaborator_id: USERS.acmeUser2.id } } }), 403, 'forbidden');
      // Another user sees neither the deal nor its collaborations.
      expectError(await api('GET', `/v2/collaborations/${collaboration.id}`, { as: U2 }), 404, 'not_found');
      expect(ids(await api('GET', `/v2/collaborations?resource_id=${deal.id}`, { as: U2 }))).toEqual([]);

      expect((await api('DELETE', `/v2/collaborations/${collaboration.id}`, { as: U3 })).status).toBe(204);
      expectError(await api('GET', `/v2/deals/${deal.id}`, { as: U3 }), 404, 'not_found');
      expect(ids(await api('GET', `/v2/deals?ids=${deal.id}`, { as: U3 }))).toEqual([]);

      const types = (await probe.waitFor((r) => r.key === String(collaboration.id), 2)).map((r) => r.headers.ce_type);
      expect(types).toEqual(['com.pipewright.crm.deals.collaboration.created.v1', 'com.pipewright.crm.deals.collaboration.deleted.v1']);
    } finally {
      await probe.stop();
    }
  });

  it('refuses collaborations that make no sense, with Sell errors', async () => {
    const deal = await dealOfUser1('Checked');
    const make = (as: string, data: object) => api('POST', '/v2/collaborations', { as, body: { data: { resource_type: 'deal', resource_id: deal.id, ...data } } });
    expect((await make(U1, { collaborator_id: USERS.acmeUser2.id })).status).toBe(200);
    expectError(await make(U1, { collaborator_id: USERS.acmeUser2.id }), 422, 'already_exists', '/data/collaborator_id');
    // The owner may be listed too (Sell's clients do that); it changes nobody's view.
    expect((await make(U1, { collaborator_id: USERS.acmeUser1.id })).status).toBe(200);
    expectError(await make(U1, { collaborator_id: 987654 }), 422, 'incorrect_value', '/data/collaborator_id');
    expectError(await make(U1, { collaborator_id: USERS.globexUser1.id }), 422, 'incorrect_value', '/data/collaborator_id');
    expectError(await make(U3, { collaborator_id: USERS.acmeUser3.id }), 422, 'incorrect_value', '/data/resource_id');
    expect((await api('POST', '/v2/collaborations', { as: U1, body: { data: { resource_type: 'lead', resource_id: deal.id, collaborator_id: USERS.acmeUser2.id } } })).status).toBe(422);
    expectError(await api('GET', '/v2/collaborations?resource_type=task', { as: U1 }), 400, 'invalid_param');
    // Collaborations have no update, as in Sell.
    expectError(await api('PUT', '/v2/collaborations/1', { as: U1, body: { data: {} } }), 404, 'incorrect_path');

    // A deleted deal takes its collaborations along.
    const listed = ids(await api('GET', `/v2/collaborations?resource_id=${deal.id}`, { as: U1 }));
    expect(listed).toHaveLength(2);
    expect((await api('DELETE', `/v2/deals/${deal.id}`, { as: U1 })).status).toBe(204);
    expectError(await api('GET', `/v2/collaborations/${listed[0]}`, { as: USERS.acmeAdmin.username }), 404, 'not_found');
  });

  it('lets a collaborator see and edit a contact and a lead they do not own, and their notes; deleting and handing them on stay with the owner', async () => {
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: `${t}-Shared contact` } } })).body.data;
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `${t}-Shared lead` } } })).body.data;
    const probe = new KafkaProbe([TOPICS.leadsCollaboration]);
    await probe.start();
    try {
      const made: number[] = [];
      for (const [type, record] of [['contact', contact], ['lead', lead]] as const) {
        const path = `/v2/${type}s/${record.id}`;
        expectError(await api('GET', path, { as: U3 }), 404, 'not_found');
        // Listed before and after the collaboration: who collaborates is kept, and a change drops it.
        expect(ids(await api('GET', `/v2/${type}s?ids=${record.id}`, { as: U3 }))).toEqual([]);
        const created = await api('POST', '/v2/collaborations', { as: U1, body: { data: { resource_type: type, resource_id: record.id, collaborator_id: USERS.acmeUser3.id } } });
        expect(created.status).toBe(200);
        expect(created.body.data).toMatchObject({ resource_type: type, resource_id: record.id, collaborator_id: USERS.acmeUser3.id });
        expect(created.body.data.id).toBeLessThan(1e15);
        made.push(created.body.data.id);

        expect((await api('GET', path, { as: U3 })).status).toBe(200);
        expect(ids(await api('GET', `/v2/${type}s?ids=${record.id}`, { as: U3 }))).toEqual([record.id]);
        expect((await api('PUT', path, { as: U3, body: { data: { description: 'edited by a collaborator' } } })).body.data.description).toBe('edited by a collaborator');
        expect((await api('POST', '/v2/notes', { as: U3, body: { data: { resource_type: type, resource_id: record.id, content: `${t} on a shared ${type}` } } })).status).toBe(200);
        expect((await api('GET', `/v2/collaborations/${created.body.data.id}`, { as: U3 })).status).toBe(200);
        expectError(await api('DELETE', path, { as: U3 }), 403, 'forbidden');
        expectError(await api('PUT', path, { as: U3, body: { data: { owner_id: USERS.acmeUser3.id } } }), 403, 'forbidden');
        expectError(await api('GET', path, { as: U2 }), 404, 'not_found');
      }
      // Across both services: the lead and contact collaborations, then the deal ones.
      const deal = await dealOfUser1('Across');
      const dealCollaboration = (await api('POST', '/v2/collaborations', { as: U1, body: { data: { resource_type: 'deal', resource_id: deal.id, collaborator_id: USERS.acmeUser3.id } } })).body.data;
      const mine = ids(await api('GET', '/v2/collaborations?per_page=100&sort_by=id:desc', { as: U3 }));
      expect(mine.filter((id: number) => [...made, dealCollaboration.id].includes(id))).toEqual([made[1], made[0], dealCollaboration.id]);

      // A collaborator who leaves no longer sees the lead in lists.
      expect((await api('DELETE', `/v2/collaborations/${made[1]}`, { as: U3 })).status).toBe(204);
      expect(ids(await api('GET', `/v2/leads?ids=${lead.id}`, { as: U3 }))).toEqual([]);

      // A deleted contact takes its collaborations along.
      expect((await api('DELETE', `/v2/contacts/${contact.id}`, { as: U1 })).status).toBe(204);
      expectError(await api('GET', `/v2/collaborations/${made[0]}`, { as: USERS.acmeAdmin.username }), 404, 'not_found');

      const types = (await probe.waitFor((r) => made.includes(Number(r.key)), 3)).map((r) => r.headers.ce_type);
      expect(types).toEqual(['com.pipewright.crm.leads.collaboration.created.v1', 'com.pipewright.crm.leads.collaboration.created.v1', 'com.pipewright.crm.leads.collaboration.deleted.v1']);
    } finally {
      await probe.stop();
    }
  });
});
