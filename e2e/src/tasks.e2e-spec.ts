import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import type { crm } from '@crm/proto';
import { KafkaProbe, TENANTS } from '@crm/testing';
import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';

const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const MANAGER = USERS.acmeManager.username;
const ADMIN = USERS.acmeAdmin.username;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

async function create(as: string, data: Record<string, unknown>) {
  const res = await api('POST', '/v2/tasks', { as, body: { data } });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('/v2/tasks', () => {
  const probe = new KafkaProbe([TOPICS.calendarTask]);
  beforeAll(() => probe.start());
  afterAll(() => probe.stop());

  it('creates, reads, changes and deletes a floating task with Sell\'s attributes and a preset reminder that follows the due date', async () => {
    const due = inDays(3);
    const created = await api('POST', '/v2/tasks', { as: U1, body: { data: { content: '  Call back about pricing ', due_date: iso(due), reminder: '1_hour_before' } } });
    expect(created.status).toBe(200);
    expect(created.body.meta).toEqual({ type: 'task' });
    const task = created.body.data;
    expect(task).toEqual({
      id: expect.any(Number), creator_id: USERS.acmeUser1.id, owner_id: USERS.acmeUser1.id, resource_type: null, resource_id: null,
      completed: false, completed_at: null, due_date: iso(due), overdue: false, remind_at: iso(new Date(due.getTime() - 3_600_000)), reminder: '1_hour_before',
      content: 'Call back about pricing', created_at: expect.any(String), updated_at: expect.any(String),
    });
    expect((await api('GET', `/v2/tasks/${task.id}`, { as: U1 })).body.data).toEqual(task);

    // Each time is taken once: two readings of the clock may fall in different seconds.
    const newDue = inDays(5);
    const moved = await api('PUT', `/v2/tasks/${task.id}`, { as: U1, body: { data: { due_date: iso(newDue) } } });
    expect(moved.body.data).toMatchObject({ due_date: iso(newDue), remind_at: iso(new Date(newDue.getTime() - 3_600_000)), reminder: '1_hour_before' });
    const remindAt = inDays(4);
    const absolute = await api('PUT', `/v2/tasks/${task.id}`, { as: U1, body: { data: { remind_at: iso(remindAt) } } });
    expect(absolute.body.data).toMatchObject({ remind_at: iso(remindAt), reminder: null });

    const completed = await api('PUT', `/v2/tasks/${task.id}`, { as: U1, body: { data: { completed: true } } });
    expect(completed.body.data).toMatchObject({ completed: true, overdue: false });
    expect(new Date(completed.body.data.completed_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const reopened = await api('PUT', `/v2/tasks/${task.id}`, { as: U1, body: { data: { ...completed.body.data, completed: false } } });
    expect(reopened.status).toBe(200);
    expect(reopened.body.data).toMatchObject({ completed: false, completed_at: null });

    const deleted = await api('DELETE', `/v2/tasks/${task.id}`, { as: U1 });
    expect(deleted.status).toBe(204);
    expect((await api('GET', `/v2/tasks/${task.id}`, { as: U1 })).status).toBe(404);
  });

  it('publishes created, updated with the changed fields, completed, reopened, assigned and deleted', async () => {
    const task = await create(MANAGER, { content: 'Evented task', due_date: iso(inDays(2)) });
    const id = String(task.id);
    await api('PUT', `/v2/tasks/${id}`, { as: MANAGER, body: { data: { content: 'Evented task, renamed' } } });
    await api('PUT', `/v2/tasks/${id}`, { as: MANAGER, body: { data: { completed: true } } });
    await api('PUT', `/v2/tasks/${id}`, { as: MANAGER, body: { data: { completed: false, owner_id: USERS.acmeUser1.id } } });
    // A refused change and an unchanged one publish nothing.
    await api('PUT', `/v2/tasks/${id}`, { as: MANAGER, body: { data: { reminder: 'bogus' } } });
    await api('PUT', `/v2/tasks/${id}`, { as: MANAGER, body: { data: { content: 'Evented task, renamed' } } });
    await api('DELETE', `/v2/tasks/${id}`, { as: MANAGER });
    await probe.waitFor((r) => r.key === id && r.headers.ce_type === 'com.pipewright.crm.calendar.task.deleted.v1', 1);
    const mine = probe.records.filter((r) => r.key === id);
    expect(mine.map((r) => r.headers.ce_type!.replace('com.pipewright.crm.calendar.task.', ''))).toEqual([
      'created.v1', 'updated.v1', 'updated.v1', 'completed.v1', 'updated.v1', 'reopened.v1', 'assigned.v1', 'deleted.v1',
    ]);
    for (const r of mine) expect(r.headers).toMatchObject({ ce_source: '/crm/calendar-tasks', ce_tenantid: TENANTS.acme, ce_subject: `tenants/${TENANTS.acme}/tasks/${id}` });
    const updates = mine.filter((r) => r.headers.ce_type!.endsWith('updated.v1')).map((r) => decodePayload<crm.calendar.v1.TaskUpdated>(parseCloudEvent(r.topic, r.key, r.value, r.headers)));
    expect(updates.map((u) => [...u.changedFields].sort())).toEqual([['content'], ['completed'], ['completed', 'owner_id']]);
    const a = mine[6]!;
    const assigned = decodePayload<crm.calendar.v1.TaskAssigned>(parseCloudEvent(a.topic, a.key, a.value, a.headers));
    expect({ owner: assigned.task?.ownerId, previous: assigned.previousOwnerId }).toEqual({ owner: String(USERS.acmeUser1.id), previous: String(USERS.acmeManager.id) });
  });

  it('puts tasks on records the caller sees and answers 404 naming resource_id for one they do not', async () => {
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'Tasked' } } })).body.data;
    const othersLead = (await api('POST', '/v2/leads', { as: U2, body: { data: { last_name: 'Not yours' } } })).body.data;
    const task = await create(U1, { content: 'Send the quote', resource_type: 'lead', resource_id: lead.id });
    expect(task).toMatchObject({ resource_type: 'lead', resource_id: lead.id });
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Snoop', resource_type: 'lead', resource_id: othersLead.id } } }), 404, 'not_found', '/data/resource_id');
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Ghost', resource_type: 'deal', resource_id: 999999999 } } }), 404, 'not_found', '/data/resource_id');
    expectError(await api('PUT', `/v2/tasks/${task.id}`, { as: U1, body: { data: { resource_id: othersLead.id } } }), 404, 'not_found', '/data/resource_id');
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Half', resource_type: 'lead' } } }), 422, 'missing', '/data/resource_id');
    const listed = await api('GET', `/v2/tasks?resource_type=lead&resource_id=${lead.id}`, { as: U1 });
    expect(listed.body.items.map((i: { data: { id: number } }) => i.data.id)).toEqual([task.id]);
  });

  it('assigns within the caller\'s reach and shows tasks to whoever sees their owner', async () => {
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'For a colleague', owner_id: USERS.acmeUser2.id } } }), 403, 'forbidden');
    const forReport = await create(MANAGER, { content: 'For my report', owner_id: USERS.acmeUser1.id });
    expect(forReport).toMatchObject({ owner_id: USERS.acmeUser1.id, creator_id: USERS.acmeManager.id });
    expectError(await api('POST', '/v2/tasks', { as: MANAGER, body: { data: { content: 'Outside my team', owner_id: USERS.acmeUser3.id } } }), 403, 'forbidden');
    expect((await create(ADMIN, { content: 'Anyone', owner_id: USERS.acmeUser3.id })).owner_id).toBe(USERS.acmeUser3.id);
    expectError(await api('POST', '/v2/tasks', { as: ADMIN, body: { data: { content: 'Nobody', owner_id: 987654 } } }), 422, 'incorrect_value', '/data/owner_id');

    const u2Task = await create(U2, { content: 'Private to user 2' });
    expect((await api('GET', `/v2/tasks/${u2Task.id}`, { as: U1 })).status).toBe(404);
    expect((await api('PUT', `/v2/tasks/${u2Task.id}`, { as: U1, body: { data: { content: 'Mine now' } } })).status).toBe(404);
    expect((await api('DELETE', `/v2/tasks/${u2Task.id}`, { as: U1 })).status).toBe(404);
    expect((await api('GET', `/v2/tasks/${u2Task.id}`, { as: MANAGER })).status).toBe(200);
    expect((await api('GET', `/v2/tasks/${u2Task.id}`, { as: USERS.globexAdmin.username })).status).toBe(404);
    const u1List = await api('GET', `/v2/tasks?owner_id=${USERS.acmeUser2.id}`, { as: U1 });
    expect(u1List.body.items).toEqual([]);
  });

  it('filters by type, completion, overdue, reminder, words, creator and due range, and sorts', async () => {
    const tag = `filt${Date.now().toString(36)}`;
    const lead = (await api('POST', '/v2/leads', { as: U2, body: { data: { last_name: 'Filtered' } } })).body.data;
    const past = await create(U2, { content: `${tag} overdue one`, due_date: iso(inDays(-1)) });
    const future = await create(U2, { content: `${tag} future one`, due_date: iso(inDays(10)), reminder: '1_day_before' });
    const related = await create(U2, { content: `${tag} related`, resource_type: 'lead', resource_id: lead.id, due_date: iso(inDays(20)) });
    const done = await create(U2, { content: `${tag} done`, completed: true, due_date: iso(inDays(-2)) });
    expect(past.overdue).toBe(true);
    expect(done.overdue).toBe(false);
    const ids = async (query: string) => (await api('GET', `/v2/tasks?q=${tag}&${query}`, { as: U2 })).body.items.map((i: { data: { id: number } }) => i.data.id);
    expect(await ids('type=floating')).toEqual([past.id, future.id, done.id]);
    expect(await ids('type=related')).toEqual([related.id]);
    expect(await ids('completed=true')).toEqual([done.id]);
    expect(await ids('overdue=true')).toEqual([past.id]);
    expect(await ids('remind=true')).toEqual([future.id]);
    expect(await ids(`creator_id=${USERS.acmeUser2.id}&due_date[from]=${iso(inDays(5))}&due_date[to]=${iso(inDays(15))}`)).toEqual([future.id]);
    expect(await ids('sort_by=due_date:desc')).toEqual([related.id, future.id, past.id, done.id]);
    expect(await ids(`ids=${done.id},${past.id}`)).toEqual([past.id, done.id]);
    const words = await api('GET', `/v2/tasks?q=${tag}%20RELATED`, { as: U2 });
    expect(words.body.items.map((i: { data: { id: number } }) => i.data.id)).toEqual([related.id]);
  });

  it('refuses bad input with a Sell error naming the field and writes nothing', async () => {
    const before = (await api('GET', '/v2/tasks?per_page=100&sort_by=id:desc', { as: U1 })).body.items.length;
    const due = iso(inDays(1));
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { due_date: due } } }), 422, 'blank', '/data/content');
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'x'.repeat(10_001) } } }), 422, 'incorrect_value', '/data/content');
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Bad date', due_date: 'next tuesday' } } }), 422, 'incorrect_value', '/data/due_date');
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Bad preset', due_date: due, reminder: '2_hours_before' } } }), 422, 'incorrect_value', '/data/reminder');
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Preset, no due', reminder: '1_hour_before' } } }), 422, 'incorrect_value', '/data/reminder');
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Late reminder', due_date: due, remind_at: iso(inDays(2)) } } }), 422, 'incorrect_value', '/data/remind_at');
    expectError(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Odd record', resource_type: 'order', resource_id: 1 } } }), 422, 'incorrect_value', '/data/resource_type');
    expectError(await api('GET', '/v2/tasks?overdue=maybe', { as: U1 }), 400, 'invalid_param');
    expectError(await api('GET', '/v2/tasks?color=red', { as: U1 }), 400, 'invalid_param');
    expect((await api('GET', '/v2/tasks?per_page=100&sort_by=id:desc', { as: U1 })).body.items.length).toBe(before);
  });

  it('deletes the tasks of a deleted lead or deal and moves a converted lead\'s tasks to its contact', async () => {
    const doomed = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'Doomed' } } })).body.data;
    const onDoomed = await create(U1, { content: 'Will go with the lead', resource_type: 'lead', resource_id: doomed.id });
    expect((await api('DELETE', `/v2/leads/${doomed.id}`, { as: U1 })).status).toBe(204);
    await eventually(() => api('GET', `/v2/tasks/${onDoomed.id}`, { as: U1 }), (r) => r.status === 404, 30_000);
    expect((await api('GET', `/v2/tasks/${onDoomed.id}`, { as: U1 })).status).toBe(404);

    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'Dealt' } } })).body.data;
    const stage = (await api('GET', '/v2/stages?per_page=1', { as: U1 })).body.items[0].data;
    const deal = (await api('POST', '/v2/deals', { as: U1, body: { data: { name: 'Doomed deal', contact_id: contact.id, stage_id: stage.id } } })).body.data;
    const onDeal = await create(U1, { content: 'Will go with the deal', resource_type: 'deal', resource_id: deal.id });
    expect((await api('DELETE', `/v2/deals/${deal.id}`, { as: U1 })).status).toBe(204);
    await eventually(() => api('GET', `/v2/tasks/${onDeal.id}`, { as: U1 }), (r) => r.status === 404, 30_000);
    expect((await api('GET', `/v2/tasks/${onDeal.id}`, { as: U1 })).status).toBe(404);

    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { first_name: 'Ada', last_name: 'Converted' } } })).body.data;
    const onLead = await create(U1, { content: 'Follow the conversion', resource_type: 'lead', resource_id: lead.id });
    const conversion = await api('POST', '/v2/lead_conversions', { as: U1, body: { data: { lead_id: lead.id } } });
    expect(conversion.status).toBe(200);
    const contactId = conversion.body.data.individual_id;
    const moved = await eventually(() => api('GET', `/v2/tasks/${onLead.id}`, { as: U1 }), (r) => r.body?.data?.resource_type === 'contact', 30_000);
    expect(moved.body.data).toMatchObject({ resource_type: 'contact', resource_id: contactId });
  });
});
