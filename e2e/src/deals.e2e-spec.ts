import { decodePayload, parseCloudEvent, TOPICS } from '@crm/events';
import { KafkaProbe, TENANTS } from '@crm/testing';
import { api, expectError, USERS } from '../support/http';

const ADMIN = USERS.acmeAdmin.username;
const MANAGER = USERS.acmeManager.username;
const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const U3 = USERS.acmeUser3.username;
const GLOBEX = USERS.globexAdmin.username;

const run = `${Date.now()}`;
const data = (res: { body: any }) => res.body.data;

async function contact(as: string, body: Record<string, unknown>) {
  const res = await api('POST', '/v2/contacts', { as, body: { data: body } });
  expect(res.status).toBe(200);
  return data(res);
}

async function deal(as: string, body: Record<string, unknown>) {
  const res = await api('POST', '/v2/deals', { as, body: { data: body } });
  expect(res.status).toBe(200);
  return data(res);
}

async function pipelineStages(as: string, pipelineId?: number) {
  const pid = pipelineId ?? data({ body: (await api('GET', '/v2/pipelines', { as })).body.items[0] });
  const id = typeof pid === 'number' ? pid : pid.id;
  const stages = (await api('GET', `/v2/stages?pipeline_id=${id}&per_page=100`, { as })).body.items.map((i: any) => i.data);
  const by = (category: string) => stages.filter((s: any) => s.category === category);
  return { pipelineId: id, stages, first: stages[0], won: by('won')[0], lost: by('lost')[0], unqualified: by('unqualified')[0], active: stages.filter((s: any) => s.active) };
}

const listIds = async (as: string, query: string) => (await api('GET', `/v2/deals?${query}`, { as })).body.items.map((i: any) => i.data.id);

describe('/v2/deals', () => {
  const probe = new KafkaProbe([TOPICS.dealsDeal, TOPICS.dealsPipeline]);
  let org: any;
  let person: any;

  beforeAll(async () => {
    await probe.start();
    org = await contact(U1, { is_organization: true, name: `Acme Deals ${run}` });
    person = await contact(U1, { is_organization: false, last_name: `Buyer ${run}`, contact_id: org.id });
  });
  afterAll(() => probe.stop());

  it('creates a deal in the first stage of the default pipeline, with an exact value and the contact’s organisation', async () => {
    const { first, pipelineId } = await pipelineStages(U1);
    const d = await deal(U1, { name: `Licences ${run}`, value: '3599.99', contact_id: person.id, hot: true, estimated_close_date: '2027-03-31T12:00:00.000Z', customized_win_likelihood: 15, tags: ['q1', 'q1', 'enterprise'] });
    expect(d).toMatchObject({
      name: `Licences ${run}`, value: '3599.99', currency: 'USD', hot: true, stage_id: first.id, pipeline_id: pipelineId, contact_id: person.id,
      organization_id: org.id, owner_id: USERS.acmeUser1.id, creator_id: USERS.acmeUser1.id, estimated_close_date: '2027-03-31', customized_win_likelihood: 15,
      tags: ['q1', 'enterprise'], loss_reason_id: null, unqualified_reason_id: null, last_stage_change_by_id: USERS.acmeUser1.id,
    });
    // Whole amounts come back as integers, as Sell sends them; null means no value, which is 0.
    expect(data(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { value: 1000 } } })).value).toBe(1000);
    expect(data(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { value: '0.10' } } })).value).toBe('0.10');
    expect((await deal(U1, { name: `No value ${run}`, value: null, contact_id: org.id })).value).toBe(0);
    const big = await deal(U1, { name: `Big ${run}`, value: '999999999999999.99', currency: 'eur', contact_id: org.id });
    expect(big).toMatchObject({ value: '999999999999999.99', currency: 'EUR', organization_id: org.id });
    expect(data(await api('GET', `/v2/deals/${d.id}`, { as: U1 }))).toMatchObject({ id: d.id, value: '0.10' });
  });

  it('moves a deal through the stages to each outcome, keeping reasons only where they belong', async () => {
    const { active, won, lost, unqualified } = await pipelineStages(U1);
    const d = await deal(U1, { name: `Journey ${run}`, value: 500, contact_id: person.id });
    const before = new Date(d.last_stage_change_at).getTime();
    await new Promise((r) => setTimeout(r, 1100));
    const moved = data(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { stage_id: active[2].id } } }));
    expect(moved.stage_id).toBe(active[2].id);
    expect(new Date(moved.last_stage_change_at).getTime()).toBeGreaterThan(before);

    const lossReason = (await api('GET', '/v2/loss_reasons', { as: U1 })).body.items[0].data;
    const unqualifiedReason = (await api('GET', '/v2/deal_unqualified_reasons', { as: U1 })).body.items[0].data;
    // Deal lists are the deals service's: everyone reads them, admins change them, other tenants see their own.
    expectError(await api('POST', '/v2/loss_reasons', { as: U1, body: { data: { name: `Mine ${run}` } } }), 403, 'forbidden');
    const reason = data(await api('POST', '/v2/loss_reasons', { as: ADMIN, body: { data: { name: `Budget cut ${run}` } } }));
    expect((await api('GET', `/v2/loss_reasons/${reason.id}`, { as: U1 })).status).toBe(200);
    expectError(await api('GET', `/v2/loss_reasons/${reason.id}`, { as: GLOBEX }), 404, 'not_found');
    expect(data(await api('POST', '/v2/deal_sources', { as: ADMIN, body: { data: { name: `Partner ${run}` } } }))).toMatchObject({ resource_type: 'deal' });
    // A reason needs the matching outcome.
    expectError(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { loss_reason_id: lossReason.id } } }), 422, 'incorrect_value', '/data/loss_reason_id');
    expectError(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { stage_id: won.id, unqualified_reason_id: unqualifiedReason.id } } }), 422, 'incorrect_value', '/data/unqualified_reason_id');
    expectError(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { stage_id: lost.id, loss_reason_id: 999999999 } } }), 422, 'incorrect_value', '/data/loss_reason_id');
    expect(data(await api('GET', `/v2/deals/${d.id}`, { as: U1 })).stage_id).toBe(active[2].id);

    expect(data(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { stage_id: lost.id, loss_reason_id: lossReason.id } } }))).toMatchObject({ stage_id: lost.id, loss_reason_id: lossReason.id });
    // Leaving the lost stage drops the loss reason.
    expect(data(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { stage_id: unqualified.id, unqualified_reason_id: unqualifiedReason.id } } }))).toMatchObject({
      stage_id: unqualified.id, loss_reason_id: null, unqualified_reason_id: unqualifiedReason.id,
    });
    expect(data(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { stage_id: won.id } } }))).toMatchObject({ stage_id: won.id, unqualified_reason_id: null });

    // The stage history and the events tell the same story.
    const records = await probe.waitFor((r) => r.key === String(d.id) && r.headers.ce_type === 'com.pipewright.crm.deals.deal.stage-changed.v1', 4);
    const moves = records.map((r) => decodePayload<any>(parseCloudEvent(r.topic, r.key, r.value, r.headers)));
    expect(moves.map((m) => [m.fromCategory, m.toCategory, m.reasonId ?? null])).toEqual([
      ['incoming', 'in_progress', null],
      ['in_progress', 'lost', String(lossReason.id)],
      ['lost', 'unqualified', String(unqualifiedReason.id)],
      ['unqualified', 'won', null],
    ]);
    expect(records[0]!.headers).toMatchObject({ ce_source: '/crm/deals-pipelines', ce_tenantid: TENANTS.acme, ce_subject: `tenants/${TENANTS.acme}/deals/${d.id}` });
    expect(moves.every((m) => m.changedById === String(USERS.acmeUser1.id))).toBe(true);
  });

  it('publishes created, updated with previous values, owner changed and deleted', async () => {
    const d = await deal(U1, { name: `Evented ${run}`, value: '10.50', contact_id: person.id });
    await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { value: '12', hot: true } } });
    // Nothing changes, so nothing is published; refused changes publish nothing either.
    await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { value: '12.00' } } });
    await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { value: 'twelve' } } });
    await api('PUT', `/v2/deals/${d.id}`, { as: ADMIN, body: { data: { owner_id: USERS.acmeUser2.id } } });
    expect((await api('DELETE', `/v2/deals/${d.id}`, { as: ADMIN })).status).toBe(204);
    expect((await api('GET', `/v2/deals/${d.id}`, { as: ADMIN })).status).toBe(404);

    await probe.waitFor((r) => r.key === String(d.id), 5);
    await new Promise((r) => setTimeout(r, 1000));
    const mine = probe.records.filter((r) => r.key === String(d.id));
    expect(mine.map((r) => r.headers.ce_type!.replace('com.pipewright.crm.deals.deal.', ''))).toEqual(['created.v1', 'updated.v1', 'updated.v1', 'owner-changed.v1', 'deleted.v1']);
    const [created, updated, , ownerChanged, deleted] = mine.map((r) => decodePayload<any>(parseCloudEvent(r.topic, r.key, r.value, r.headers)));
    expect(created.deal).toMatchObject({ id: String(d.id), value: '10.50', currency: 'USD' });
    expect(updated.changedFields.sort()).toEqual(['hot', 'value']);
    expect(updated.previousValues).toEqual({ value: '10.50', hot: false });
    expect(ownerChanged).toMatchObject({ previousOwnerId: String(USERS.acmeUser1.id), deal: { ownerId: String(USERS.acmeUser2.id) } });
    expect(deleted).toEqual({ id: String(d.id), ownerId: String(USERS.acmeUser2.id) });
  });

  it('keeps a next step: set, changed with its previous value on the event, cleared, and refused past 255 characters', async () => {
    const d = await deal(U1, { name: `Next step ${run}`, contact_id: person.id, next_step: '  Send the revised quote ' });
    expect(d.next_step).toBe('Send the revised quote');
    expect(data(await api('GET', `/v2/deals/${d.id}`, { as: U1 })).next_step).toBe('Send the revised quote');
    expectError(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { next_step: 'x'.repeat(256) } } }), 422, 'incorrect_value', '/data/next_step');
    expect(data(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { next_step: 'Book the demo' } } })).next_step).toBe('Book the demo');
    expect(data(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { next_step: null } } })).next_step).toBeNull();
    expect(data(await api('GET', `/v2/deals/${d.id}`, { as: U1 })).next_step).toBeNull();
    // A deal created without one reads null, as every attribute a client did not set.
    expect((await deal(U1, { name: `No next step ${run}`, contact_id: person.id })).next_step).toBeNull();

    const events = (await probe.waitFor((r) => r.key === String(d.id), 3)).map((r) => decodePayload<any>(parseCloudEvent(r.topic, r.key, r.value, r.headers)));
    expect(events[0].deal.nextStep).toBe('Send the revised quote');
    expect(events[1]).toMatchObject({ changedFields: ['next_step'], previousValues: { next_step: 'Send the revised quote' }, deal: { nextStep: 'Book the demo' } });
    expect(events[2]).toMatchObject({ changedFields: ['next_step'], previousValues: { next_step: 'Book the demo' } });
    expect(events[2].deal.nextStep).toBeUndefined();
  });

  it('needs a contact the caller can see, and keeps reading a deal whose contact is gone', async () => {
    const name = `Contactless ${run}`;
    expectError(await api('POST', '/v2/deals', { as: U1, body: { data: { name } } }), 422, 'missing', '/data/contact_id');
    // U3's contact is not visible to U1; Globex's contact is in another tenant.
    const hidden = await contact(U3, { last_name: `Hidden ${run}` });
    const foreign = await contact(GLOBEX, { last_name: `Foreign ${run}` });
    expectError(await api('POST', '/v2/deals', { as: U1, body: { data: { name, contact_id: hidden.id } } }), 422, 'incorrect_value', '/data/contact_id');
    expectError(await api('POST', '/v2/deals', { as: U1, body: { data: { name, contact_id: foreign.id } } }), 422, 'incorrect_value', '/data/contact_id');
    expectError(await api('POST', '/v2/deals', { as: U1, body: { data: { name, contact_id: 987654321 } } }), 422, 'incorrect_value', '/data/contact_id');

    const temporary = await contact(U1, { last_name: `Leaving ${run}` });
    const d = await deal(U1, { name: `Orphan ${run}`, contact_id: temporary.id });
    expect((await api('DELETE', `/v2/contacts/${temporary.id}`, { as: U1 })).status).toBe(204);
    expect(data(await api('GET', `/v2/deals/${d.id}`, { as: U1 }))).toMatchObject({ id: d.id, contact_id: temporary.id });
    expect(data(await api('PUT', `/v2/deals/${d.id}`, { as: U1, body: { data: { hot: true } } }))).toMatchObject({ hot: true, contact_id: temporary.id });
  });

  it('answers bad input with Sell errors and writes nothing', async () => {
    const { stages } = await pipelineStages(U1);
    const globexStage = (await pipelineStages(GLOBEX)).first;
    const count = async () => (await api('GET', `/v2/deals?contact_id=${org.id}&per_page=100`, { as: U1 })).body.items.length;
    const before = await count();
    const base = { name: `Bad ${run}`, contact_id: org.id };
    for (const [body, code, field] of [
      [{ ...base, unknown: 'attribute' }, 'unknown', 'unknown'],
      [{ ...base, value: '12.345' }, 'incorrect_value', 'value'],
      [{ ...base, value: -5 }, 'incorrect_value', 'value'],
      [{ ...base, value: '1e3' }, 'incorrect_value', 'value'],
      [{ ...base, currency: 'XYZ' }, 'incorrect_value', 'currency'],
      [{ ...base, stage_id: globexStage.id }, 'incorrect_value', 'stage_id'],
      [{ ...base, estimated_close_date: '2027-02-30' }, 'incorrect_value', 'estimated_close_date'],
      [{ ...base, customized_win_likelihood: 101 }, 'incorrect_value', 'customized_win_likelihood'],
      [{ ...base, source_id: 123456789 }, 'incorrect_value', 'source_id'],
      [{ ...base, name: '  ' }, 'missing', 'name'],
      [{ ...base, hot: 'yes' }, 'invalid_type', 'hot'],
      [{ ...base, custom_fields: { Nope: 1 } }, 'unknown', 'custom_fields/Nope'],
      [{ ...base, added_on: 'yesterday' }, 'incorrect_value', 'added_on'],
    ] as const) {
      expectError(await api('POST', '/v2/deals', { as: U1, body: { data: body } }), 422, code, `/data/${field}`);
    }
    expectError(await api('POST', '/v2/deals', { as: U1, body: { name: 'no envelope' } }), 400, 'invalid_payload');
    expectError(await api('GET', '/v2/deals?colour=red', { as: U1 }), 400, 'invalid_param');
    expectError(await api('GET', '/v2/deals?sort_by=colour', { as: U1 }), 400, 'invalid_param');
    expectError(await api('GET', '/v2/deals?stage_id=abc', { as: U1 }), 400, 'invalid_param');
    expectError(await api('GET', '/v2/deals/abc', { as: U1 }), 404, 'not_found');
    expect(await count()).toBe(before);
    expect(stages.length).toBe(9);
  });

  it('applies the visibility and assignment rules of leads', async () => {
    const mine = await contact(U1, { last_name: `Shared ${run}` });
    // Admins and managers may create deals for others on a contact they can see.
    const u1Deal = await deal(U1, { name: `V1 ${run}`, contact_id: mine.id });
    const u2Deal = await deal(ADMIN, { name: `V2 ${run}`, contact_id: mine.id, owner_id: USERS.acmeUser2.id });
    const u3Deal = await deal(ADMIN, { name: `V3 ${run}`, contact_id: mine.id, owner_id: USERS.acmeUser3.id });
    const ids = [u1Deal.id, u2Deal.id, u3Deal.id].join(',');
    expect(await listIds(U1, `ids=${ids}`)).toEqual([u1Deal.id]);
    expect(await listIds(MANAGER, `ids=${ids}`)).toEqual([u1Deal.id, u2Deal.id]);
    expect(await listIds(ADMIN, `ids=${ids}`)).toEqual([u1Deal.id, u2Deal.id, u3Deal.id]);
    expect(await listIds(GLOBEX, `ids=${ids}`)).toEqual([]);
    expectError(await api('GET', `/v2/deals/${u3Deal.id}`, { as: U1 }), 404, 'not_found');
    expectError(await api('PUT', `/v2/deals/${u3Deal.id}`, { as: MANAGER, body: { data: { hot: true } } }), 404, 'not_found');
    expectError(await api('DELETE', `/v2/deals/${u1Deal.id}`, { as: GLOBEX }), 404, 'not_found');
    // A user cannot hand a deal to someone else; a manager can, to a report only.
    expectError(await api('PUT', `/v2/deals/${u1Deal.id}`, { as: U1, body: { data: { owner_id: USERS.acmeUser2.id } } }), 403, 'forbidden');
    expectError(await api('PUT', `/v2/deals/${u1Deal.id}`, { as: MANAGER, body: { data: { owner_id: USERS.acmeUser3.id } } }), 403, 'forbidden');
    expect(data(await api('PUT', `/v2/deals/${u1Deal.id}`, { as: MANAGER, body: { data: { owner_id: USERS.acmeUser2.id } } })).owner_id).toBe(USERS.acmeUser2.id);
    expectError(await api('POST', '/v2/deals', { as: U2, body: { data: { name: 'Not yours', contact_id: mine.id } } }), 422, 'incorrect_value', '/data/contact_id');
  });

  it('filters, sorts and pages, and sums deals per stage within what the caller sees', async () => {
    const { pipelineId } = await pipelineStages(ADMIN);
    const p = data(await api('POST', '/v2/pipelines', { as: ADMIN, body: { data: { name: `Summary ${run}` } } }));
    const { active, won } = await pipelineStages(ADMIN, p.id);
    const buyer = await contact(ADMIN, { last_name: `Summed ${run}` });
    const make = (owner: number, stage: number, value: string, currency = 'USD', hot = false) =>
      deal(ADMIN, { name: `S ${value} ${run}`, contact_id: buyer.id, owner_id: owner, stage_id: stage, value, currency, hot });
    const a = await make(USERS.acmeUser1.id, active[0].id, '100.10');
    const b = await make(USERS.acmeUser1.id, active[0].id, '0.20', 'USD', true);
    await make(USERS.acmeUser1.id, active[0].id, '50', 'EUR');
    await make(USERS.acmeUser3.id, active[0].id, '1000');
    await make(USERS.acmeUser2.id, won.id, '3671.99');

    const summary = async (as: string, query = '') => {
      const res = await api('GET', `/v2/deals/stage_summary?pipeline_id=${p.id}${query}`, { as });
      expect(res.status).toBe(200);
      return Object.fromEntries(res.body.data.stages.map((s: any) => [s.stage_id, [s.deal_count, s.values]]));
    };
    const all = await summary(ADMIN);
    expect(all[active[0].id]).toEqual([4, [{ currency: 'EUR', amount: 50 }, { currency: 'USD', amount: '1100.30' }]]);
    expect(all[won.id]).toEqual([1, [{ currency: 'USD', amount: '3671.99' }]]);
    expect(all[active[1].id]).toEqual([0, []]);
    // A manager sees their reports' deals only; filters narrow the sums.
    expect((await summary(MANAGER))[active[0].id]).toEqual([3, [{ currency: 'EUR', amount: 50 }, { currency: 'USD', amount: '100.30' }]]);
    expect((await summary(ADMIN, '&hot=true'))[active[0].id]).toEqual([1, [{ currency: 'USD', amount: '0.20' }]]);
    expectError(await api('GET', '/v2/deals/stage_summary', { as: ADMIN }), 400, 'invalid_param');
    expectError(await api('GET', `/v2/deals/stage_summary?pipeline_id=${pipelineId}&colour=red`, { as: ADMIN }), 400, 'invalid_param');
    expectError(await api('GET', `/v2/deals/stage_summary?pipeline_id=${p.id}`, { as: GLOBEX }), 404, 'not_found');

    expect(await listIds(ADMIN, `pipeline_id=${p.id}&hot=true`)).toEqual([b.id]);
    expect(await listIds(ADMIN, `pipeline_id=${p.id}&stage_id=${won.id}`)).toHaveLength(1);
    expect(await listIds(ADMIN, `pipeline_id=${p.id}&currency=eur`)).toHaveLength(1);
    const byValue = (await api('GET', `/v2/deals?pipeline_id=${p.id}&sort_by=value:desc&per_page=2`, { as: ADMIN })).body;
    expect(byValue.items.map((i: any) => i.data.value)).toEqual(['3671.99', 1000]);
    expect(byValue.meta.links.next_page).toContain('page=2');
    expect(await listIds(ADMIN, `pipeline_id=${p.id}&sort_by=value&per_page=1`)).toEqual([b.id]);
    expect(await listIds(ADMIN, `ids=${a.id},${b.id}`)).toEqual([a.id, b.id]);
  });

  it('deletes a stage only by moving its deals to another stage of the pipeline', async () => {
    const p = data(await api('POST', '/v2/pipelines', { as: ADMIN, body: { data: { name: `Deletion ${run}` } } }));
    const { active, won, lost, unqualified, stages } = await pipelineStages(ADMIN, p.id);
    const other = (await pipelineStages(ADMIN)).active[0];
    const buyer = await contact(ADMIN, { last_name: `Moved ${run}` });
    const d = await deal(ADMIN, { name: `Mover ${run}`, contact_id: buyer.id, stage_id: active[1].id });

    for (const closed of [won, lost, unqualified]) expectError(await api('DELETE', `/v2/stages/${closed.id}?move_deals_to=${active[0].id}`, { as: ADMIN }), 422, 'incorrect_value');
    expectError(await api('DELETE', `/v2/stages/${active[1].id}`, { as: ADMIN }), 422, 'missing');
    expectError(await api('DELETE', `/v2/stages/${active[1].id}?move_deals_to=${other.id}`, { as: ADMIN }), 422, 'incorrect_value');
    expectError(await api('DELETE', `/v2/stages/${active[1].id}?move_deals_to=${active[0].id}`, { as: U1 }), 403, 'forbidden');
    expectError(await api('DELETE', `/v2/stages/${active[1].id}?move_deals_to=${active[0].id}`, { as: GLOBEX }), 404, 'not_found');
    expect((await pipelineStages(ADMIN, p.id)).stages).toEqual(stages);

    expect((await api('DELETE', `/v2/stages/${active[1].id}?move_deals_to=${active[3].id}`, { as: ADMIN })).status).toBe(204);
    const after = await pipelineStages(ADMIN, p.id);
    expect(after.stages.map((s: any) => s.id)).toEqual(stages.map((s: any) => s.id).filter((id: number) => id !== active[1].id));
    expect(after.stages.map((s: any) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(data(await api('GET', `/v2/deals/${d.id}`, { as: ADMIN })).stage_id).toBe(active[3].id);
    // The move is published as the deal's stage change, and the deletion with the pipeline.
    const [moved] = await probe.waitFor((r) => r.key === String(d.id) && r.headers.ce_type === 'com.pipewright.crm.deals.deal.stage-changed.v1');
    expect(decodePayload<any>(parseCloudEvent(moved!.topic, moved!.key, moved!.value, moved!.headers))).toMatchObject({ fromStageId: String(active[1].id), toStageId: String(active[3].id) });
    const [deletion] = await probe.waitFor((r) => r.key === String(p.id) && r.topic === TOPICS.dealsPipeline && decodePayload<any>(parseCloudEvent(r.topic, r.key, r.value, r.headers)).deletedStageId === String(active[1].id));
    expect(decodePayload<any>(parseCloudEvent(deletion!.topic, deletion!.key, deletion!.value, deletion!.headers))).toMatchObject({ dealsMovedToStageId: String(active[3].id), dealsMoved: 1 });
    // An empty stage goes without a target; the last active stage stays.
    expect((await api('DELETE', `/v2/stages/${active[2].id}`, { as: ADMIN })).status).toBe(204);
  });

  it('takes custom fields of deals, to filter and sort by', async () => {
    const name = `Tier ${run}`;
    const field = await api('POST', '/v2/deal/custom_fields', { as: ADMIN, body: { data: { name, type: 'list', choices: ['Gold', 'Silver'] } } });
    expect(field.status).toBe(200);
    expect((await api('GET', '/v2/deal/custom_fields', { as: U1 })).body.items.map((i: any) => i.data.name)).toContain(name);
    expect((await api('GET', '/v2/lead/custom_fields', { as: U1 })).body.items.map((i: any) => i.data.name)).not.toContain(name);
    const gold = await deal(U1, { name: `Gold ${run}`, contact_id: org.id, custom_fields: { [name]: 'Gold' } });
    const silver = await deal(U1, { name: `Silver ${run}`, contact_id: org.id, custom_fields: { [name]: { name: 'Silver' } } });
    expect(gold.custom_fields).toEqual({ [name]: 'Gold' });
    expect(await listIds(U1, `custom_fields[${encodeURIComponent(name)}]=gold`)).toEqual([gold.id]);
    expect(await listIds(U1, `ids=${gold.id},${silver.id}&sort_by=custom_fields:${encodeURIComponent(name)}:desc`)).toEqual([silver.id, gold.id]);
    expectError(await api('POST', '/v2/deals', { as: U1, body: { data: { name: 'Bronze', contact_id: org.id, custom_fields: { [name]: 'Bronze' } } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/deal/custom_fields', { as: U1, body: { data: { name: 'Mine', type: 'string' } } }), 403, 'forbidden');
  });

  it('keeps notes on deals, visible exactly when the deal is, next to lead notes in one list', async () => {
    const d = await deal(U1, { name: `Noted ${run}`, contact_id: person.id });
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: `Noted lead ${run}` } } })).body.data;
    const leadNote = data(await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'lead', resource_id: lead.id, content: `lead note ${run}` } } }));
    const created = await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'deal', resource_id: d.id, content: `Call back ${run}`, tags: ['follow-up'] } } });
    expect(created.status).toBe(200);
    const note = data(created);
    expect(note).toMatchObject({ resource_type: 'deal', resource_id: d.id, content: `Call back ${run}`, tags: ['follow-up'], creator_id: USERS.acmeUser1.id });
    expect(data(await api('PUT', `/v2/notes/${note.id}`, { as: MANAGER, body: { data: { content: 'Called', is_important: true } } }))).toMatchObject({ id: note.id, content: 'Called', is_important: true });
    expect(data(await api('GET', `/v2/notes/${note.id}`, { as: U1 })).content).toBe('Called');
    expectError(await api('GET', `/v2/notes/${note.id}`, { as: U3 }), 404, 'not_found');
    expectError(await api('GET', `/v2/notes/${note.id}`, { as: GLOBEX }), 404, 'not_found');
    expectError(await api('POST', '/v2/notes', { as: U3, body: { data: { resource_type: 'deal', resource_id: d.id, content: 'Not mine' } } }), 422, 'incorrect_value', '/data/resource_id');
    expectError(await api('POST', '/v2/notes', { as: U1, body: { data: { resource_type: 'task', resource_id: d.id, content: 'What' } } }), 422, 'incorrect_value', '/data/resource_type');
    expect((await api('GET', `/v2/notes?resource_type=deal&resource_id=${d.id}`, { as: U1 })).body.items.map((i: any) => i.data.id)).toEqual([note.id]);
    // Without a resource type, lead and contact notes come first, then deal notes; paging meets each once.
    const ids = [leadNote.id, note.id].join(',');
    expect((await api('GET', `/v2/notes?ids=${ids}`, { as: U1 })).body.items.map((i: any) => i.data.id)).toEqual([leadNote.id, note.id]);
    expect((await api('GET', `/v2/notes?ids=${ids}&per_page=1&page=2`, { as: U1 })).body.items.map((i: any) => i.data.id)).toEqual([note.id]);
    expectError(await api('GET', '/v2/notes?resource_type=task', { as: U1 }), 400, 'invalid_param');
    // The deal's notes go with it.
    expect((await api('DELETE', `/v2/deals/${d.id}`, { as: U1 })).status).toBe(204);
    expectError(await api('GET', `/v2/notes/${note.id}`, { as: U1 }), 404, 'not_found');
  });
});
