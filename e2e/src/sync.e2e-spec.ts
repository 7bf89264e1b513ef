import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';

// The tenant initech: no other suite writes its records, so what a device receives is this suite's.
const ADMIN = USERS.initechAdmin;
const USER = USERS.initechUser1;

interface Item {
  data: { id: number; [key: string]: unknown };
  meta: { type: string; sync: { event_type: string; ack_key: string; revision: number } };
}

const device = (uuid: string) => ({ 'X-Basecrm-Device-UUID': uuid });

/** One whole session of a device: every item of every page until the queue answers 204. */
async function drain(as: string, uuid: string): Promise<Item[]> {
  const start = await api('POST', '/v2/sync/start', { as, headers: device(uuid) });
  if (start.status === 204) return [];
  expect(start.status).toBe(201);
  const session = start.body.data.id as string;
  expect(start.body.data.queues[0]).toEqual({ data: { name: 'main', pages: expect.any(Number), total_count: expect.any(Number) }, meta: { type: 'sync_queue' } });
  const items: Item[] = [];
  for (let page = 0; page < 100; page++) {
    const res = await api('GET', `/v2/sync/${session}/queues/main`, { as, headers: device(uuid) });
    if (res.status === 204) return items;
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ type: 'collection', count: res.body.items.length, count_left: expect.any(Number) });
    items.push(...res.body.items);
  }
  throw new Error('the queue never drained');
}

const ack = (as: string, uuid: string, items: Item[]) => api('POST', '/v2/sync/ack', { as, headers: device(uuid), body: { data: { ack_keys: items.map((i) => i.meta.sync.ack_key) } } });
const key = (i: Item) => `${i.meta.type}:${i.data.id}:${i.meta.sync.event_type}`;
/** The items about records (users are every member's, and other suites invite users into the tenant). */
const records = (items: Item[]) => items.filter((i) => i.meta.type !== 'user');
/** Drains sessions until `ok` holds of one (the copy follows the events within moments); the last session's items. */
const drainUntil = (as: string, uuid: string, ok: (items: Item[]) => boolean) => eventually(() => drain(as, uuid), ok, 30_000);

describe('Sync API (/v2/sync)', () => {
  const made: Record<string, number> = {};

  beforeAll(async () => {
    await eventually(() => api('GET', '/v2/users/self', { as: USER.username }), (res) => res.status === 200, 30_000);
    const create = async (path: string, data: object) => {
      const res = await api('POST', path, { as: ADMIN.username, body: { data } });
      expect(res.status).toBe(200);
      return res.body.data.id as number;
    };
    made.adminLead = await create('/v2/leads', { last_name: 'Admin Sync Lead', owner_id: ADMIN.id });
    made.userLead = await create('/v2/leads', { last_name: 'User Sync Lead', owner_id: USER.id });
    made.userContact = await create('/v2/contacts', { last_name: 'User Sync Contact', owner_id: USER.id });
    made.adminDeal = await create('/v2/deals', { name: 'Admin Sync Deal', contact_id: made.userContact, owner_id: ADMIN.id });
    made.userLeadNote = await create('/v2/notes', { resource_type: 'lead', resource_id: made.userLead, content: 'synced note' });
  });

  it('sends a new device every record its user may see, in the REST shape, again until acknowledged, and nothing new after', async () => {
    const phone = randomUUID();
    const items = await drainUntil(USER.username, phone, (got) => records(got).length >= 3);
    expect(records(items).map(key).sort()).toEqual([`contact:${made.userContact}:created`, `lead:${made.userLead}:created`, `note:${made.userLeadNote}:created`]);
    // Every member's device holds the tenant's users, as /v2/users shows them.
    const colleague = items.find((i) => i.meta.type === 'user' && i.data.id === ADMIN.id);
    expect(colleague?.data).toEqual((await api('GET', `/v2/users/${ADMIN.id}`, { as: USER.username })).body.data);
    expect(items.find((i) => i.meta.type === 'note')!.data).toEqual((await api('GET', `/v2/notes/${made.userLeadNote}`, { as: USER.username })).body.data);
    const lead = items.find((i) => i.meta.type === 'lead')!;
    expect(lead.data).toEqual((await api('GET', `/v2/leads/${made.userLead}`, { as: USER.username })).body.data);
    expect(lead.meta.sync.ack_key).toBe(`Lead-${made.userLead}-${lead.meta.sync.revision}`);

    // Not acknowledged: the next session sends the same again.
    expect((await drain(USER.username, phone)).map(key).sort()).toEqual(items.map(key).sort());
    expect((await ack(USER.username, phone, items)).status).toBe(202);
    expect(await drain(USER.username, phone)).toEqual([]);

    // The admin sees the whole tenant.
    const adminItems = await drainUntil(ADMIN.username, randomUUID(), (got) => records(got).length >= 5);
    expect(records(adminItems).map(key).sort()).toEqual([`contact:${made.userContact}:created`, `deal:${made.adminDeal}:created`, `lead:${made.adminLead}:created`, `lead:${made.userLead}:created`, `note:${made.userLeadNote}:created`].sort());
  });

  it('sends what changed since the acknowledgement: updates, records out of reach and deletions as deleted', async () => {
    const tablet = randomUUID();
    const first = await drainUntil(USER.username, tablet, (got) => records(got).length >= 3);
    await ack(USER.username, tablet, first);

    expect((await api('PUT', `/v2/leads/${made.userLead}`, { as: USER.username, body: { data: { first_name: 'Renamed' } } })).status).toBe(200);
    const updated = await drainUntil(USER.username, tablet, (got) => got.some((i) => i.meta.type === 'lead'));
    expect(updated.map(key)).toEqual([`lead:${made.userLead}:updated`]);
    expect(updated[0]!.data.first_name).toBe('Renamed');
    expect(updated[0]!.meta.sync.revision).toBeGreaterThan(first.find((i) => i.meta.type === 'lead')!.meta.sync.revision);
    await ack(USER.username, tablet, updated);

    // The contact goes to the admin: the user's device must drop it.
    expect((await api('PUT', `/v2/contacts/${made.userContact}`, { as: ADMIN.username, body: { data: { owner_id: ADMIN.id } } })).status).toBe(200);
    const lost = await drainUntil(USER.username, tablet, (got) => got.some((i) => i.meta.type === 'contact'));
    expect(lost.map(key)).toEqual([`contact:${made.userContact}:deleted`]);
    expect(lost[0]!.data).toEqual({ id: made.userContact });
    expect(lost[0]!.meta.sync.ack_key).toMatch(/-deleted$/);
    await ack(USER.username, tablet, lost);

    // A deleted lead takes its note along, on the device too.
    expect((await api('DELETE', `/v2/leads/${made.userLead}`, { as: USER.username })).status).toBe(204);
    const deleted = await drainUntil(USER.username, tablet, (got) => got.length >= 2);
    expect(deleted.map(key).sort()).toEqual([`lead:${made.userLead}:deleted`, `note:${made.userLeadNote}:deleted`]);
    await ack(USER.username, tablet, deleted);
    expect(await drain(USER.username, tablet)).toEqual([]);

    // A device that never held them learns nothing of records deleted or out of reach.
    expect(records(await drain(USER.username, randomUUID()))).toEqual([]);
  });

  it('serves a personal access token with the read scope only', async () => {
    const jwt = await api('POST', '/v2/access_tokens', { as: USER.username, body: { data: { name: 'sync device', scopes: ['read'] } } });
    expect(jwt.status).toBe(200);
    const token = jwt.body.data.token as string;
    const uuid = randomUUID();
    const start = await api('POST', '/v2/sync/start', { token, headers: device(uuid) });
    expect([201, 204]).toContain(start.status);
    if (start.status === 201) {
      const page = await api('GET', `/v2/sync/${start.body.data.id}/queues/main`, { token, headers: device(uuid) });
      expect(page.status).toBe(200);
      expect((await api('POST', '/v2/sync/ack', { token, headers: device(uuid), body: { data: { ack_keys: page.body.items.map((i: Item) => i.meta.sync.ack_key) } } })).status).toBe(202);
    }
    // The same token may not write.
    expectError(await api('POST', '/v2/leads', { token, body: { data: { last_name: 'No' } } }), 403, 'insufficient_scope');
  });

  it('answers 400 without a device, 404 for another device\'s or an unknown session, 422 for a key it did not issue', async () => {
    expectError(await api('POST', '/v2/sync/start', { as: ADMIN.username }), 400, 'invalid_header');
    expectError(await api('POST', '/v2/sync/start', { as: ADMIN.username, headers: device('not-a-uuid') }), 400, 'invalid_header');
    const mine = randomUUID();
    await eventually(() => api('POST', '/v2/sync/start', { as: ADMIN.username, headers: device(mine) }), (res) => res.status === 201);
    const start = await api('POST', '/v2/sync/start', { as: ADMIN.username, headers: device(mine) });
    expect(start.status).toBe(201);
    const session = start.body.data.id as string;
    expectError(await api('GET', `/v2/sync/${session}/queues/main`, { as: ADMIN.username, headers: device(randomUUID()) }), 404, 'not_found');
    expectError(await api('GET', `/v2/sync/${session}/queues/main`, { as: USER.username, headers: device(mine) }), 404, 'not_found');
    expectError(await api('GET', `/v2/sync/${session}/queues/other`, { as: ADMIN.username, headers: device(mine) }), 404, 'not_found');
    expectError(await api('GET', `/v2/sync/${randomUUID()}/queues/main`, { as: ADMIN.username, headers: device(mine) }), 404, 'not_found');
    expectError(await api('POST', '/v2/sync/ack', { as: ADMIN.username, headers: device(mine), body: { data: { ack_keys: ['Task-1-1'] } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/sync/ack', { as: ADMIN.username, headers: device(mine), body: { data: {} } }), 422, 'missing');
    expectError(await api('POST', '/v2/sync/start', { headers: device(mine) }), 401, 'unauthorized');
  });
});
