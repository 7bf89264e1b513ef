import { api, expectError, USERS } from '../support/http';
import { eventually } from '../support/eventually';

const ADMIN = USERS.acmeAdmin.username;
const MANAGER = USERS.acmeManager.username;
const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const U3 = USERS.acmeUser3.username;
const GLOBEX = USERS.globexAdmin.username;

const data = (res: { status: number; body: any }) => {
  expect(res.status).toBe(200);
  return res.body.data;
};
const activities = async (as: string, query: string) => {
  const res = await api('GET', `/v2/activities?${query}`, { as });
  expect(res.status).toBe(200);
  return res.body as { items: { data: any }[]; meta: { links: { next_page?: string } } };
};
const kindsOf = (page: { items: { data: any }[] }) => page.items.map((i) => i.data.kind);
/** Waits until the record's stream (as the admin sees it) holds `count` activities. */
const recordStream = (type: string, id: number, count: number) =>
  eventually(() => activities(ADMIN, `resource_type=${type}&resource_id=${id}&per_page=100`), (p) => p.items.length >= count, 30_000);

describe('/v2/activities: the account activity stream', () => {
  let lead: any;
  let task: any;
  let deal: any;
  let startedAt: string;

  beforeAll(async () => {
    startedAt = new Date(Date.now() - 1_000).toISOString();
    lead = data(await api('POST', '/v2/leads', { as: U1, body: { data: { first_name: 'Stream', last_name: 'Lead', organization_name: 'Feed Co' } } }));
    data(await api('PUT', `/v2/leads/${lead.id}`, { as: U1, body: { data: { status: 'Working' } } }));
    data(await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'lead', resource_id: lead.id, content: 'Asked   for\na quote' } } }));
    task = data(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Send the quote', resource_type: 'lead', resource_id: lead.id, due_date: '2027-02-01T10:00:00Z' } } }));
    data(await api('PUT', `/v2/tasks/${task.id}`, { as: U1, body: { data: { completed: true } } }));
    data(await api('POST', '/v2/calls', { as: U1, body: { data: { summary: 'Talked pricing', duration: 60, incoming: true, missed: false, resource_type: 'lead', resource_id: lead.id } } }));
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 3_600_000);
    data(await api('POST', '/v2/appointments', { as: U1, body: { data: { name: 'Quote review', starts_at: start.toISOString(), ends_at: end.toISOString(), resource_type: 'lead', resource_id: lead.id } } }));
    const pipeline = data({ status: 200, body: (await api('GET', '/v2/pipelines', { as: U1 })).body.items[0] });
    const active = (await api('GET', `/v2/stages?pipeline_id=${pipeline.id}&per_page=100`, { as: U1 })).body.items.map((i: any) => i.data).filter((s: any) => s.active);
    const contact = data(await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'Streamed' } } }));
    deal = data(await api('POST', '/v2/deals', { as: U1, body: { data: { name: 'Stream deal', contact_id: contact.id, stage_id: active[0].id } } }));
    data(await api('PUT', `/v2/deals/${deal.id}`, { as: U1, body: { data: { stage_id: active[1].id } } }));
    deal.firstStageId = active[0].id;
    deal.nextStageId = active[1].id;
  }, 60_000);

  it('records each change on a lead, newest first, with actor, record, summary and details', async () => {
    const page = await recordStream('lead', lead.id, 7);
    expect(kindsOf(page)).toEqual(['appointment_booked', 'call_logged', 'task_completed', 'task_added', 'note_added', 'lead_status_changed', 'lead_added']);
    const byKind = Object.fromEntries(page.items.map((i) => [i.data.kind, i.data]));
    for (const a of page.items.map((i) => i.data)) {
      expect(a).toMatchObject({ actor_id: USERS.acmeUser1.id, resource_type: 'lead', resource_id: lead.id, resource_name: 'Stream Lead', owner_id: USERS.acmeUser1.id });
      expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(a.occurred_at)).toBeGreaterThan(Date.parse(startedAt));
    }
    expect(byKind.lead_status_changed).toMatchObject({ summary: 'working', details: { from_status: 'new', to_status: 'working' }, item_type: null });
    expect(byKind.note_added).toMatchObject({ item_type: 'note', summary: 'Asked for a quote' });
    expect(byKind.task_added).toMatchObject({ item_type: 'task', item_id: task.id, summary: 'Send the quote', details: { due_date: '2027-02-01T10:00:00.000Z' } });
    expect(byKind.task_completed).toMatchObject({ item_type: 'task', item_id: task.id });
    expect(byKind.call_logged).toMatchObject({ item_type: 'call', summary: 'Talked pricing', details: { incoming: 'true', duration: '60' } });
    expect(byKind.appointment_booked).toMatchObject({ item_type: 'appointment', summary: 'Quote review' });
  });

  it('records a deal added and its stage moves', async () => {
    const page = await recordStream('deal', deal.id, 2);
    expect(kindsOf(page)).toEqual(['deal_stage_changed', 'deal_added']);
    expect(page.items[0]!.data).toMatchObject({ resource_name: 'Stream deal', details: { from_stage_id: String(deal.firstStageId), to_stage_id: String(deal.nextStageId) } });
  });

  it('shows a user their own, a manager theirs and their reports\', an admin all, and another tenant nothing', async () => {
    await recordStream('lead', lead.id, 7);
    const q = `resource_type=lead&resource_id=${lead.id}&per_page=100`;
    expect((await activities(U1, q)).items).toHaveLength(7);
    expect((await activities(MANAGER, q)).items).toHaveLength(7);
    expect((await activities(U2, q)).items).toHaveLength(0);
    expect((await activities(U3, q)).items).toHaveLength(0);
    expect((await activities(GLOBEX, q)).items).toHaveLength(0);
    // Unfiltered: nobody sees an activity of a record owned outside their reach.
    for (const [as, visible] of [[U2, [USERS.acmeUser2.id]], [MANAGER, [USERS.acmeManager.id, USERS.acmeUser1.id, USERS.acmeUser2.id]]] as const) {
      const owners = new Set((await activities(as, 'per_page=100')).items.map((i) => i.data.owner_id));
      expect([...owners].filter((o) => !(visible as readonly number[]).includes(o))).toEqual([]);
    }
    // Asking for another's records narrows nothing open: a user asking for user1's gets none.
    expect((await activities(U2, `owner_id=${USERS.acmeUser1.id}&per_page=100`)).items).toHaveLength(0);
  });

  it('filters by kind, owner, team, actor and period, and pages by cursor', async () => {
    await recordStream('lead', lead.id, 7);
    const base = `resource_type=lead&resource_id=${lead.id}`;
    expect(kindsOf(await activities(U1, `${base}&kind=note_added,task_completed`))).toEqual(['task_completed', 'note_added']);
    expect((await activities(MANAGER, `${base}&owner_id=${USERS.acmeUser1.id}`)).items).toHaveLength(7);
    expect((await activities(MANAGER, `${base}&owner_id=${USERS.acmeUser2.id}`)).items).toHaveLength(0);
    expect((await activities(ADMIN, `${base}&team_id=${USERS.acmeManager.id}&per_page=100`)).items).toHaveLength(7);
    expect((await activities(ADMIN, `${base}&actor_id=${USERS.acmeUser2.id}`)).items).toHaveLength(0);
    expect((await activities(ADMIN, `${base}&actor_id=${USERS.acmeUser1.id}&per_page=100`)).items).toHaveLength(7);
    expect((await activities(ADMIN, `${base}&to=${encodeURIComponent(startedAt)}`)).items).toHaveLength(0);
    expect((await activities(ADMIN, `${base}&from=${encodeURIComponent(startedAt)}&per_page=100`)).items).toHaveLength(7);

    const seen: string[] = [];
    let path: string | undefined = `/v2/activities?${base}&per_page=3`;
    while (path) {
      const res: { status: number; body: any } = await api('GET', path, { as: U1 });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: any) => i.data.kind));
      path = res.body.meta.links.next_page;
    }
    expect(seen).toEqual(['appointment_booked', 'call_logged', 'task_completed', 'task_added', 'note_added', 'lead_status_changed', 'lead_added']);
  });

  it('moves a record\'s activities with the record when it is reassigned', async () => {
    const moved = data(await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'Moving' } } }));
    data(await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'lead', resource_id: moved.id, content: 'Before the move' } } }));
    await recordStream('lead', moved.id, 2);
    data(await api('PUT', `/v2/leads/${moved.id}`, { as: ADMIN, body: { data: { owner_id: USERS.acmeUser3.id } } }));
    const q = `resource_type=lead&resource_id=${moved.id}`;
    const after = await eventually(() => activities(U3, q), (p) => p.items.length === 2, 30_000);
    expect(after.items.map((i) => i.data.owner_id)).toEqual([USERS.acmeUser3.id, USERS.acmeUser3.id]);
    expect((await activities(U1, q)).items).toHaveLength(0);
  });

  it('answers a bad query with 400 naming the parameter', async () => {
    expectError(await api('GET', '/v2/activities?kind=note_added,bogus', { as: U1 }), 400, 'invalid_param', 'kind');
    expectError(await api('GET', '/v2/activities?resource_type=lead', { as: U1 }), 400, 'invalid_param', 'resource_type');
    expectError(await api('GET', '/v2/activities?resource_type=task&resource_id=1', { as: U1 }), 400, 'invalid_param', 'resource_type');
    expectError(await api('GET', '/v2/activities?cursor=nope', { as: U1 }), 400, 'invalid_param', 'cursor');
    expectError(await api('GET', '/v2/activities?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z', { as: U1 }), 400, 'invalid_param', 'from');
    expectError(await api('GET', `/v2/activities?team_id=${USERS.acmeUser1.id}&owner_id=${USERS.acmeUser3.id}`, { as: ADMIN }), 400, 'invalid_param', 'owner_id');
  });
});
