import { api, expectError, USERS } from '../support/http';

const ADMIN = USERS.acmeAdmin.username;
const MANAGER = USERS.acmeManager.username;
const U1 = USERS.acmeUser1.username;
const GLOBEX = USERS.globexAdmin.username;
const run = `${Date.now()}`;
const data = (res: { body: any }) => res.body.data;

describe('/v2/analytics/deal_summary', () => {
  let pipelineId: number;
  let stages: any[];

  beforeAll(async () => {
    pipelineId = data(await api('POST', '/v2/pipelines', { as: ADMIN, body: { data: { name: `Analytics ${run}` } } })).id;
    stages = (await api('GET', `/v2/stages?pipeline_id=${pipelineId}`, { as: ADMIN })).body.items.map((i: any) => i.data);
    const [a, b] = stages;
    const won = stages.find((s) => s.category === 'won');
    const lost = stages.find((s) => s.category === 'lost');
    const unqualified = stages.find((s) => s.category === 'unqualified');
    const buyer = data(await api('POST', '/v2/contacts', { as: ADMIN, body: { data: { is_organization: true, name: `Analysed ${run}` } } }));
    const deal = async (owner: number, value: string) =>
      data(await api('POST', '/v2/deals', { as: ADMIN, body: { data: { name: `A ${value} ${run}`, contact_id: buyer.id, owner_id: owner, stage_id: a.id, value } } })).id;
    const move = async (id: number, stageId: number) => expect((await api('PUT', `/v2/deals/${id}`, { as: ADMIN, body: { data: { stage_id: stageId } } })).status).toBe(200);
    const d1 = await deal(USERS.acmeUser1.id, '100');
    const d2 = await deal(USERS.acmeUser1.id, '200');
    const d3 = await deal(USERS.acmeUser2.id, '300');
    const d4 = await deal(USERS.acmeUser3.id, '400');
    await new Promise((r) => setTimeout(r, 300));
    await move(d1, b.id);
    await move(d1, won.id);
    await move(d2, lost.id);
    await move(d3, b.id);
    await move(d4, unqualified.id);
  });

  const summary = async (as: string, query = '') => {
    const res = await api('GET', `/v2/analytics/deal_summary?pipeline_id=${pipelineId}${query}`, { as });
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const byStage = (s: any) => Object.fromEntries(s.stages.map((x: any) => [x.stage_id, x]));

  it('counts deals per stage, the outcomes of the period, conversion rates and time in stage', async () => {
    const s = await summary(ADMIN);
    const [a, b] = stages;
    const won = stages.find((x) => x.category === 'won');
    expect(s.pipeline_id).toBe(pipelineId);
    expect(s.outcomes).toEqual({
      won: { deal_count: 1, values: [{ currency: 'USD', amount: 100 }] },
      lost: { deal_count: 1, values: [{ currency: 'USD', amount: 200 }] },
      unqualified: { deal_count: 1, values: [{ currency: 'USD', amount: 400 }] },
    });
    const at = byStage(s);
    expect(at[a.id]).toMatchObject({ deal_count: 0, entered: 4, advanced: 2, conversion_rate: 0.5 });
    expect(at[a.id].average_seconds_in_stage).toBeGreaterThan(0.2);
    expect(at[b.id]).toMatchObject({ deal_count: 1, values: [{ currency: 'USD', amount: 300 }], entered: 2, advanced: 1, conversion_rate: 0.5 });
    expect(at[won.id]).toMatchObject({ deal_count: 1, entered: 1, advanced: 0, average_seconds_in_stage: null });
    expect(s.stages.map((x: any) => x.stage_id)).toEqual(stages.map((x) => x.id));
  });

  it('honours visibility, owner and team filters, and the period', async () => {
    const [a] = stages;
    // The manager sees their own and their reports' deals (users 1 and 2): no unqualified deal.
    const managed = await summary(MANAGER);
    expect(managed.outcomes.unqualified.deal_count).toBe(0);
    expect(byStage(managed)[a.id]).toMatchObject({ entered: 3, advanced: 2 });
    expect((await summary(ADMIN, `&team_id=${USERS.acmeManager.id}`)).outcomes).toEqual(managed.outcomes);
    const own = await summary(U1);
    expect([own.outcomes.won.deal_count, own.outcomes.lost.deal_count, own.outcomes.unqualified.deal_count]).toEqual([1, 1, 0]);
    expect((await summary(ADMIN, `&owner_id=${USERS.acmeUser2.id}`)).outcomes.won.deal_count).toBe(0);
    // An owner filter never widens what a user sees.
    expect((await summary(U1, `&owner_id=${USERS.acmeUser3.id}`)).outcomes.unqualified.deal_count).toBe(0);
    // A past period has no outcomes and no moves; the deals in stages are counted as they are now.
    const past = await summary(ADMIN, '&from=2020-01-01&to=2020-02-01');
    expect(past.outcomes.won.deal_count).toBe(0);
    expect(byStage(past)[a.id]).toMatchObject({ entered: 0, conversion_rate: null });
    expect(past.stages.reduce((n: number, x: any) => n + x.deal_count, 0)).toBe(4);
  });

  it('refuses bad parameters and other tenants’ pipelines', async () => {
    expectError(await api('GET', `/v2/analytics/deal_summary?pipeline_id=${pipelineId}&days=0`, { as: ADMIN }), 400, 'invalid_param');
    expectError(await api('GET', `/v2/analytics/deal_summary?pipeline_id=${pipelineId}&days=7&from=2026-01-01`, { as: ADMIN }), 400, 'invalid_param');
    expectError(await api('GET', `/v2/analytics/deal_summary?pipeline_id=${pipelineId}&from=2026-02-01&to=2026-01-01`, { as: ADMIN }), 400, 'invalid_param');
    expectError(await api('GET', `/v2/analytics/deal_summary?pipeline_id=${pipelineId}&team_id=999999`, { as: ADMIN }), 400, 'invalid_param');
    expectError(await api('GET', `/v2/analytics/deal_summary?pipeline_id=${pipelineId}&colour=red`, { as: ADMIN }), 400, 'invalid_param');
    expectError(await api('GET', `/v2/analytics/deal_summary?pipeline_id=${pipelineId}`, { as: GLOBEX }), 404, 'not_found');
    // Without a pipeline: the default one.
    const res = await api('GET', '/v2/analytics/deal_summary', { as: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.data.pipeline_id).not.toBe(pipelineId);
  });
});
