import { USERS, api, expectError } from '../support/http';

const ADMIN = USERS.acmeAdmin.username;
const U1 = USERS.acmeUser1.username;


const stagesOf = async (as: string, pipelineId: number) => (await api('GET', `/v2/stages?pipeline_id=${pipelineId}&per_page=100`, { as })).body.items.map((i: any) => i.data);

describe('/v2/pipelines and /v2/stages', () => {
  it('gives every tenant a default pipeline of six active and three closed stages', async () => {
    const pipelines = (await api('GET', '/v2/pipelines', { as: U1 })).body.items.map((i: any) => i.data);
    expect(pipelines[0]).toMatchObject({ name: 'Sales Pipeline', disabled: false });
    const stages = await stagesOf(U1, pipelines[0].id);
    expect(stages.map((s: any) => [s.name, s.category, s.active, s.position, s.likelihood])).toEqual([
      ['Prospecting', 'incoming', true, 1, 5],
      ['Qualified', 'in_progress', true, 2, 10],
      ['Needs analysis', 'in_progress', true, 3, 20],
      ['Proposal', 'in_progress', true, 4, 40],
      ['Negotiation', 'in_progress', true, 5, 60],
      ['Closure', 'in_progress', true, 6, 80],
      ['Won', 'won', false, 7, 100],
      ['Lost', 'lost', false, 8, 0],
      ['Unqualified', 'unqualified', false, 9, 0],
    ]);
    expect((await api('GET', `/v2/stages?pipeline_id=${pipelines[0].id}&active=false`, { as: U1 })).body.items.map((i: any) => i.data.category)).toEqual(['won', 'lost', 'unqualified']);
    const globex = (await api('GET', '/v2/pipelines', { as: USERS.globexAdmin.username })).body.items.map((i: any) => i.data.id);
    expect(globex).not.toContain(pipelines[0].id);
    expect(await stagesOf(USERS.globexAdmin.username, pipelines[0].id)).toEqual([]);
  });

  it('lets admins add pipelines and active stages, rename closed stages and reorder, and refuses the rest', async () => {
    const name = `Renewals ${Date.now()}`;
    const pipeline = (await api('POST', '/v2/pipelines', { as: ADMIN, body: { data: { name } } })).body.data;
    expect(pipeline).toMatchObject({ name, disabled: false });
    const demo = await api('POST', '/v2/stages', { as: ADMIN, body: { data: { pipeline_id: pipeline.id, name: 'Demo', category: 'in_progress', likelihood: 30, position: 2 } } });
    expect(demo.body.data).toMatchObject({ name: 'Demo', position: 2, active: true });
    const stages = await stagesOf(ADMIN, pipeline.id);
    const won = stages.find((s: any) => s.category === 'won');
    expect((await api('PUT', `/v2/stages/${won.id}`, { as: ADMIN, body: { data: { ...won, name: 'Signed' } } })).body.data).toMatchObject({ name: 'Signed', category: 'won' });
    const active = stages.filter((s: any) => s.active).map((s: any) => s.id);
    const order = await api('PUT', `/v2/pipelines/${pipeline.id}/stage_order`, { as: ADMIN, body: { data: { stage_ids: [...active].reverse() } } });
    expect(order.body.items.map((i: any) => i.data.id)).toEqual([...[...active].reverse(), ...stages.filter((s: any) => !s.active).map((s: any) => s.id)]);

    // Closed stages cannot be added; a bad order, a non-admin, another tenant and bad input change nothing.
    const before = await stagesOf(ADMIN, pipeline.id);
    for (const category of ['won', 'lost', 'unqualified']) {
      expectError(await api('POST', '/v2/stages', { as: ADMIN, body: { data: { pipeline_id: pipeline.id, name: 'Again', category, likelihood: 0 } } }), 422, 'incorrect_value');
    }
    expectError(await api('POST', '/v2/stages', { as: ADMIN, body: { data: { pipeline_id: pipeline.id, name: 'Soon', category: 'later', likelihood: 10 } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/stages', { as: ADMIN, body: { data: { pipeline_id: pipeline.id, name: 'Sure', category: 'in_progress', likelihood: 140 } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/stages', { as: ADMIN, body: { data: { pipeline_id: pipeline.id, name: 'Typed', category: 'in_progress', likelihood: '10' } } }), 422, 'invalid_type');
    expectError(await api('PUT', `/v2/pipelines/${pipeline.id}/stage_order`, { as: ADMIN, body: { data: { stage_ids: active.slice(1) } } }), 422, 'incorrect_value');
    expectError(await api('POST', '/v2/pipelines', { as: ADMIN, body: { data: { name: name.toUpperCase() } } }), 422, 'already_exists');
    expectError(await api('POST', '/v2/pipelines', { as: U1, body: { data: { name: 'Mine' } } }), 403, 'forbidden');
    expectError(await api('PUT', `/v2/stages/${won.id}`, { as: U1, body: { data: { name: 'Mine' } } }), 403, 'forbidden');
    expectError(await api('PUT', `/v2/stages/${won.id}`, { as: USERS.globexAdmin.username, body: { data: { name: 'Theirs' } } }), 404, 'not_found');
    expectError(await api('PUT', '/v2/stages/abc', { as: ADMIN, body: { data: { name: 'X' } } }), 404, 'not_found');
    expectError(await api('GET', '/v2/stages?colour=red', { as: ADMIN }), 400, 'invalid_param');
    expect(await stagesOf(ADMIN, pipeline.id)).toEqual(before);
  });
});
