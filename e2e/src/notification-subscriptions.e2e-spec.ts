import { TOPICS } from '@crm/events';
import { consumerCaughtUp } from '../support/consumer-lag';
import { E2E } from '../support/e2e-env';
import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';
import { RUN_ID } from '../support/run-id';

const ADMIN = USERS.acmeAdmin.username;
const MANAGER = USERS.acmeManager.username;
const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const U3 = USERS.acmeUser3.username;
const tag = `sub${RUN_ID}`;

const data = (res: { status: number; body: any }) => {
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
};
const caughtUp = (...topics: string[]) => consumerCaughtUp(E2E.notificationsGroup, topics);
/** Made by this suite, deleted after it: the other suites share the notifications service. */
const made: { as: string; id: string }[] = [];
const subscribe = async (as: string, body: object) => {
  const subscription = data(await api('POST', '/v2/notification_subscriptions', { as, body: { data: body } }));
  made.push({ as, id: subscription.id });
  return subscription;
};
/** Only this suite's records (their names start with its tag). */
const ours = { field: 'name', op: 'starts_with', value: `sub${RUN_ID}` };

/** The caller's custom notifications about a record, newest first. */
async function customAbout(as: string, resourceType: string, id: number): Promise<any[]> {
  const res = await api('GET', '/v2/notifications?per_page=100', { as });
  expect(res.status).toBe(200);
  return res.body.items.map((i: any) => i.data).filter((n: any) => n.type === 'custom' && n.resource_type === resourceType && n.resource_id === id);
}
const waitFor = (as: string, resourceType: string, id: number, count: number) => eventually(() => customAbout(as, resourceType, id), (l) => l.length >= count, 30_000);

describe('/v2/notification_subscriptions: custom notifications', () => {
  let pipelineId: number;
  let stages: any[];
  let budget: string;

  afterAll(async () => {
    for (const { as, id } of made) await api('DELETE', `/v2/notification_subscriptions/${id}`, { as });
  });

  beforeAll(async () => {
    pipelineId = (await api('GET', '/v2/pipelines', { as: U1 })).body.items[0].data.id;
    stages = (await api('GET', `/v2/stages?pipeline_id=${pipelineId}&per_page=100`, { as: U1 })).body.items.map((i: any) => i.data).filter((s: any) => s.active);
    budget = `${tag} Budget`;
    data(await api('POST', '/v2/deal/custom_fields', { as: ADMIN, body: { data: { name: budget, type: 'number' } } }));
    await caughtUp(TOPICS.dealsCustomField);
  });

  async function deal(as: string, name: string, budgetValue: number, ownerId?: number) {
    const contact = data(await api('POST', '/v2/contacts', { as, body: { data: { last_name: `${name} contact`, ...(ownerId ? { owner_id: ownerId } : {}) } } }));
    return data(await api('POST', '/v2/deals', { as, body: { data: { name, contact_id: contact.id, stage_id: stages[0].id, custom_fields: { [budget]: budgetValue }, ...(ownerId ? { owner_id: ownerId } : {}) } } }));
  }

  it('tells its maker of each trigger on the deals its filter matches, once per change, never of their own changes', async () => {
    const filter = { all: [{ field: 'pipeline_id', op: 'eq', value: pipelineId }, { field: 'owner_id', op: 'in', value: [USERS.acmeUser1.id] }, { field: `custom_fields.${budget}`, op: 'gte', value: 1000 }] };
    const triggers = [{ type: 'record_created' }, { type: 'stage_changed' }, { type: 'note_added' }, { type: 'task_added' }, { type: 'field_changed', fields: ['value'] }];
    const ann = await subscribe(MANAGER, { name: ' Big deals of Ann ', resource_type: 'deal', filter, triggers, channels: ['web'] });
    expect(ann).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Big deals of Ann', resource_type: 'deal', filter, triggers, channels: ['web'], creator_id: USERS.acmeManager.id, team_id: null, enabled: true,
      created_at: expect.any(String), updated_at: expect.any(String),
    });
    // A second matching subscription of the same user changes nothing: one notification per change.
    await subscribe(MANAGER, { name: 'All created deals', resource_type: 'deal', filter: ours, triggers: [{ type: 'record_created' }] });

    const big = await deal(U1, `${tag} big`, 5000);
    const [created] = await waitFor(MANAGER, 'deal', big.id, 1);
    expect(created).toMatchObject({ type: 'custom', title: `${tag} big: created by Acme User One`, body: 'You follow it with “Big deals of Ann”', actor_id: USERS.acmeUser1.id, channels: ['web'] });

    data(await api('PUT', `/v2/deals/${big.id}`, { as: U1, body: { data: { stage_id: stages[1].id } } }));
    await waitFor(MANAGER, 'deal', big.id, 2);
    data(await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'deal', resource_id: big.id, content: 'Budget confirmed' } } }));
    await waitFor(MANAGER, 'deal', big.id, 3);
    data(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Send the contract', resource_type: 'deal', resource_id: big.id } } }));
    await waitFor(MANAGER, 'deal', big.id, 4);
    data(await api('PUT', `/v2/deals/${big.id}`, { as: U1, body: { data: { value: 2500 } } }));
    const all = await waitFor(MANAGER, 'deal', big.id, 5);
    expect(all.map((n) => n.title.replace(`${tag} big: `, ''))).toEqual([
      'changed by Acme User One', 'task added by Acme User One', 'note added by Acme User One', 'stage changed by Acme User One', 'created by Acme User One',
    ]);

    // Not matching the filter (budget), a change not watched (name), the maker's own change: nothing more.
    const small = await deal(U1, `${tag} small`, 10);
    data(await api('PUT', `/v2/deals/${big.id}`, { as: U1, body: { data: { name: `${tag} big` } } }));
    data(await api('PUT', `/v2/deals/${big.id}`, { as: MANAGER, body: { data: { stage_id: stages[2].id } } }));
    await caughtUp(TOPICS.dealsDeal, TOPICS.dealsNote, TOPICS.calendarTask);
    expect(await customAbout(MANAGER, 'deal', big.id)).toHaveLength(5);
    expect((await customAbout(MANAGER, 'deal', small.id)).length).toBe(1); // "All created deals" alone
  });

  it('tells nobody of a record they may not see, whatever their filter', async () => {
    await subscribe(U2, { name: 'Every new deal and note', resource_type: 'deal', filter: ours, triggers: [{ type: 'record_created' }, { type: 'note_added' }] });
    const others = await deal(U1, `${tag} not yours`, 5000);
    const own = await deal(U2, `${tag} yours`, 5000);
    for (const d of [others, own]) data(await api('POST', '/v2/notes', { as: ADMIN, body: { data: { resource_type: 'deal', resource_id: d.id, content: 'From the admin' } } }));
    const [note] = await waitFor(U2, 'deal', own.id, 1);
    expect(note).toMatchObject({ title: `${tag} yours: note added by Acme Admin` });
    await caughtUp(TOPICS.dealsDeal, TOPICS.dealsNote);
    // Another's deal: out of sight. Their own deal's creation: their own change.
    expect(await customAbout(U2, 'deal', others.id)).toEqual([]);
    expect(await customAbout(U2, 'deal', own.id)).toHaveLength(1);
  });

  it('lets managers and admins subscribe a team, whose members who may see the record are told', async () => {
    const team = data(await api('POST', '/v2/teams', { as: ADMIN, body: { data: { name: `${tag} Team` } } }));
    try {
      for (const id of [USERS.acmeUser1.id, USERS.acmeUser3.id]) data(await api('PUT', `/v2/users/${id}`, { as: ADMIN, body: { data: { group_id: team.id } } }));
      await caughtUp(TOPICS.directoryTeam, TOPICS.directoryUser);
      expectError(await api('POST', '/v2/notification_subscriptions', { as: U1, body: { data: { name: 'Mine', resource_type: 'lead', triggers: [{ type: 'status_changed' }], team_id: team.id } } }), 403, 'forbidden');
      const teams = await subscribe(MANAGER, { name: `${tag} team leads`, resource_type: 'lead', filter: { field: 'last_name', op: 'starts_with', value: tag }, triggers: [{ type: 'status_changed' }], team_id: team.id, channels: ['web', 'email'] });
      expect(teams).toMatchObject({ team_id: team.id, creator_id: USERS.acmeManager.id });

      const lead = data(await api('POST', '/v2/leads', { as: ADMIN, body: { data: { last_name: `${tag} lead`, owner_id: USERS.acmeUser1.id } } }));
      data(await api('PUT', `/v2/leads/${lead.id}`, { as: ADMIN, body: { data: { status: 'Working' } } }));
      const [told] = await waitFor(U1, 'lead', lead.id, 1);
      expect(told).toMatchObject({ title: `${tag} lead: status changed by Acme Admin`, channels: ['web', 'email'] });
      await caughtUp(TOPICS.leadsLead);
      // user3 is in the team but may not see user1's lead; the manager made it but is not in the team.
      expect(await customAbout(U3, 'lead', lead.id)).toEqual([]);
      expect(await customAbout(MANAGER, 'lead', lead.id)).toEqual([]);

      // Members see the team's subscription; only its maker or an admin changes it.
      expect((await api('GET', '/v2/notification_subscriptions', { as: U3 })).body.items.map((i: any) => i.data.id)).toContain(teams.id);
      expect((await api('GET', `/v2/notification_subscriptions/${teams.id}`, { as: U3 })).status).toBe(200);
      expectError(await api('PUT', `/v2/notification_subscriptions/${teams.id}`, { as: U3, body: { data: { enabled: false } } }), 403, 'forbidden');
      expect((await api('GET', `/v2/notification_subscriptions/${teams.id}`, { as: U2 })).status).toBe(404);
      expect(data(await api('PUT', `/v2/notification_subscriptions/${teams.id}`, { as: ADMIN, body: { data: { enabled: false } } })).enabled).toBe(false);
      expect((await api('DELETE', `/v2/notification_subscriptions/${teams.id}`, { as: MANAGER })).status).toBe(204);
      expect((await api('GET', `/v2/notification_subscriptions/${teams.id}`, { as: MANAGER })).status).toBe(404);
    } finally {
      for (const id of [USERS.acmeUser1.id, USERS.acmeUser3.id]) await api('PUT', `/v2/users/${id}`, { as: ADMIN, body: { data: { group_id: null } } });
      await api('DELETE', `/v2/teams/${team.id}`, { as: ADMIN });
    }
  });

  it('answers bad input with 422 naming the problem and saves nothing', async () => {
    const before = (await api('GET', '/v2/notification_subscriptions', { as: U1 })).body.items.length;
    const base = { name: 'Bad', resource_type: 'deal', triggers: [{ type: 'record_created' }] };
    const post = (body: object) => api('POST', '/v2/notification_subscriptions', { as: U1, body: { data: { ...base, ...body } } });
    expectError(await post({ filter: { all: [{ field: 'colour', op: 'eq', value: 'red' }] } }), 422, 'unknown', '/data/filter/all/0/field');
    expectError(await post({ filter: { field: `custom_fields.${budget}`, op: 'gte', value: 'a lot' } }), 422, 'invalid_type', '/data/filter/value');
    expectError(await post({ filter: { field: 'value', op: 'contains', value: 3 } }), 422, 'incorrect_value', '/data/filter/op');
    expectError(await post({ triggers: [{ type: 'status_changed' }] }), 422, 'incorrect_value', '/data/triggers/0/type');
    expectError(await post({ triggers: [{ type: 'field_changed', fields: ['custom_fields.Nope'] }] }), 422, 'unknown', '/data/triggers/0/fields/0');
    expectError(await post({ channels: ['pager'] }), 422, 'incorrect_value', '/data/channels');
    expectError(await post({ resource_type: 'task' }), 422, 'incorrect_value', '/data/resource_type');
    expectError(await post({ name: '  ' }), 422, 'blank', '/data/name');
    expectError(await api('POST', '/v2/notification_subscriptions', { as: MANAGER, body: { data: { ...base, team_id: 999999 } } }), 422, 'incorrect_value', '/data/team_id');
    expect((await api('GET', '/v2/notification_subscriptions', { as: U1 })).body.items.length).toBe(before);
    expect((await api('GET', '/v2/notification_subscriptions/not-an-id', { as: U1 })).status).toBe(404);
  });
});
