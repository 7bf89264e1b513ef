import { TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { USERS, api, expectError } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const U3 = USERS.acmeUser3.username;

describe('/v2/collaborations: collaborators on deals', () => {
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
    expectError(await api('GET', '/v2/collaborations?resource_type=lead', { as: U1 }), 400, 'invalid_param');
    // Collaborations have no update, as in Sell.
    expectError(await api('PUT', '/v2/collaborations/1', { as: U1, body: { data: {} } }), 404, 'incorrect_path');

    // A deleted deal takes its collaborations along.
    const listed = ids(await api('GET', `/v2/collaborations?resource_id=${deal.id}`, { as: U1 }));
    expect(listed).toHaveLength(2);
    expect((await api('DELETE', `/v2/deals/${deal.id}`, { as: U1 })).status).toBe(204);
    expectError(await api('GET', `/v2/collaborations/${listed[0]}`, { as: USERS.acmeAdmin.username }), 404, 'not_found');
  });
});
