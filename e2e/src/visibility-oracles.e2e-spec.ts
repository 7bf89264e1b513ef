import { api, USERS } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U3 = USERS.acmeUser3.username;
const MISSING = 900_000_000_000;
const run = `${Date.now()}`;

async function created(as: string, path: string, data: Record<string, unknown>) {
  const res = await api('POST', path, { as, body: { data } });
  expect(res.status).toBe(200);
  return res.body.data;
}

/** What a client can tell from an answer: status, codes, fields and texts, with ids blanked out. */
async function answer(res: Promise<{ status: number; body: any }>) {
  const { status, body } = await res;
  const errors = (body?.errors ?? []).map((e: any) => ({ ...e.error, details: String(e.error.details).replace(/\d+/g, '#') }));
  return { status, errors };
}

/**
 * acme-user3 sees none of acme-user1's records. Every path that names one of them must answer
 * exactly as it answers for an id that does not exist.
 */
describe('records the caller cannot see answer as records that do not exist', () => {
  let lead: any;
  let contact: any;
  let deal: any;
  let note: any;
  let ownContact: any;
  let ownDeal: any;

  beforeAll(async () => {
    lead = await created(U1, '/v2/leads', { last_name: `Hidden lead ${run}` });
    contact = await created(U1, '/v2/contacts', { last_name: `Hidden contact ${run}` });
    deal = await created(U1, '/v2/deals', { name: `Hidden deal ${run}`, contact_id: contact.id });
    note = await created(U1, '/v2/notes', { resource_type: 'lead', resource_id: lead.id, content: 'secret' });
    ownContact = await created(U3, '/v2/contacts', { last_name: `Own contact ${run}` });
    ownDeal = await created(U3, '/v2/deals', { name: `Own deal ${run}`, contact_id: ownContact.id });
  });

  /** The two answers are the same; a write or a read of one record is refused, a filtered list may be empty. */
  const same = async (invisible: Promise<any>, missing: Promise<any>, kind: 'refused' | 'list' = 'refused') => {
    const [a, b] = await Promise.all([answer(invisible), answer(missing)]);
    expect(a).toEqual(b);
    if (kind === 'refused') expect(a.status).toBeGreaterThanOrEqual(400);
  };
  const emptyList = async (res: Promise<any>) => expect((await res).body.items).toEqual([]);

  it('for notes: read, change, delete, and a new note on a record', async () => {
    await same(api('GET', `/v2/notes/${note.id}`, { as: U3 }), api('GET', `/v2/notes/${MISSING}`, { as: U3 }));
    await same(api('PUT', `/v2/notes/${note.id}`, { as: U3, body: { data: { content: 'x' } } }), api('PUT', `/v2/notes/${MISSING}`, { as: U3, body: { data: { content: 'x' } } }));
    await same(api('DELETE', `/v2/notes/${note.id}`, { as: U3 }), api('DELETE', `/v2/notes/${MISSING}`, { as: U3 }));
    for (const [type, id] of [['lead', lead.id], ['contact', contact.id], ['deal', deal.id]] as const) {
      await same(
        api('POST', '/v2/notes', { as: U3, body: { data: { resource_type: type, resource_id: id, content: 'x' } } }),
        api('POST', '/v2/notes', { as: U3, body: { data: { resource_type: type, resource_id: MISSING, content: 'x' } } }),
      );
    }
    expect((await api('GET', `/v2/notes/${note.id}`, { as: U1 })).body.data.content).toBe('secret');
  });

  it('for documents on a record', async () => {
    await same(api('GET', `/v2/documents?resource_type=lead&resource_id=${lead.id}`, { as: U3 }), api('GET', `/v2/documents?resource_type=lead&resource_id=${MISSING}`, { as: U3 }), 'list');
    await emptyList(api('GET', `/v2/documents?resource_type=lead&resource_id=${lead.id}`, { as: U3 }));
    const upload = (id: number) => api('POST', `/v2/documents?resource_type=lead&resource_id=${id}&name=a.txt`, { as: U3, rawBody: new TextEncoder().encode('x'), headers: { 'content-type': 'text/plain' } });
    await same(upload(lead.id), upload(MISSING));
  });

  it('for deal contacts: the deal, and the contact on an own deal', async () => {
    await same(api('GET', `/v2/deals/${deal.id}/associated_contacts`, { as: U3 }), api('GET', `/v2/deals/${MISSING}/associated_contacts`, { as: U3 }));
    await same(
      api('POST', `/v2/deals/${deal.id}/associated_contacts`, { as: U3, body: { data: { contact_id: ownContact.id } } }),
      api('POST', `/v2/deals/${MISSING}/associated_contacts`, { as: U3, body: { data: { contact_id: ownContact.id } } }),
    );
    await same(
      api('POST', `/v2/deals/${ownDeal.id}/associated_contacts`, { as: U3, body: { data: { contact_id: contact.id } } }),
      api('POST', `/v2/deals/${ownDeal.id}/associated_contacts`, { as: U3, body: { data: { contact_id: MISSING } } }),
    );
  });

  it('for orders of a deal', async () => {
    await same(api('POST', '/v2/orders', { as: U3, body: { data: { deal_id: deal.id } } }), api('POST', '/v2/orders', { as: U3, body: { data: { deal_id: MISSING } } }));
    await same(api('GET', `/v2/orders?deal_id=${deal.id}`, { as: U3 }), api('GET', `/v2/orders?deal_id=${MISSING}`, { as: U3 }), 'list');
    await emptyList(api('GET', `/v2/orders?deal_id=${deal.id}`, { as: U3 }));
  });
});
