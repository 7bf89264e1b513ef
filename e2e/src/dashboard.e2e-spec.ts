import { E2E, gatewayEnv } from '../support/e2e-env';
import { eventually } from '../support/eventually';
import { api, expectError, USERS } from '../support/http';
import { startService, waitForHttp, type ServiceProcess } from '../support/service-process';

const MANAGER = USERS.acmeManager.username;
const U1 = USERS.acmeUser1.username;
const U2 = USERS.acmeUser2.username;
const GLOBEX = USERS.globexAdmin.username;
const DAY = 86_400_000;

const data = (res: { status: number; body: any }) => {
  expect(res.status).toBe(200);
  return res.body.data;
};
const dashboard = async (as: string, query = '', baseUrl?: string) => data(await api('GET', `/v2/dashboard${query ? `?${query}` : ''}`, { as, ...(baseUrl ? { baseUrl } : {}) }));
const hour = (offsetMs: number) => {
  const d = new Date(Date.now() + offsetMs);
  d.setUTCMinutes(0, 0, 0);
  return d;
};

describe('/v2/dashboard', () => {
  let pipeline: any;
  let deal: any;
  let overdueTask: any;
  let upcomingTask: any;
  let appointment: any;

  beforeAll(async () => {
    pipeline = (await api('GET', '/v2/pipelines', { as: U1 })).body.items[0].data;
    const stage = (await api('GET', `/v2/stages?pipeline_id=${pipeline.id}&per_page=100`, { as: U1 })).body.items[0].data;
    const contact = data(await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'Dashboarded' } } }));
    deal = data(await api('POST', '/v2/deals', { as: U1, body: { data: { name: 'Dashboard deal', value: 1200, currency: 'EUR', contact_id: contact.id, stage_id: stage.id } } }));
    overdueTask = data(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Overdue follow-up', due_date: new Date(Date.now() - DAY).toISOString() } } }));
    upcomingTask = data(await api('POST', '/v2/tasks', { as: U1, body: { data: { content: 'Upcoming follow-up', due_date: new Date(Date.now() + 2 * DAY).toISOString() } } }));
    const start = hour(3 * DAY);
    appointment = data(await api('POST', '/v2/appointments', { as: U1, body: { data: { name: 'Dashboard demo', starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString() } } }));
    await eventually(() => api('GET', `/v2/activities?resource_type=deal&resource_id=${deal.id}`, { as: U1 }), (r) => r.body.items?.length > 0, 30_000);
  }, 60_000);

  it('answers the deal summary, latest activities, overdue then upcoming tasks and upcoming appointments in one call', async () => {
    const d = await dashboard(U1, `pipeline_id=${pipeline.id}&owner_id=${USERS.acmeUser1.id}&limit=50`);
    expect(d.unavailable).toEqual([]);
    expect(d.filters).toMatchObject({ pipeline_id: pipeline.id, owner_ids: [USERS.acmeUser1.id] });
    expect(d.deal_summary.pipeline_id).toBe(pipeline.id);
    expect(d.deal_summary.stages.reduce((n: number, s: any) => n + s.deal_count, 0)).toBeGreaterThanOrEqual(1);
    expect(Object.keys(d.deal_summary.outcomes).sort()).toEqual(['lost', 'unqualified', 'won']);
    expect(d.activities.some((a: any) => a.kind === 'deal_added' && a.resource_id === deal.id)).toBe(true);
    const tasks = d.tasks.map((t: any) => t.id);
    expect(tasks).toContain(overdueTask.id);
    expect(tasks).toContain(upcomingTask.id);
    // Overdue ones come first, flagged.
    expect(tasks.indexOf(overdueTask.id)).toBeLessThan(tasks.indexOf(upcomingTask.id));
    expect(d.tasks.find((t: any) => t.id === overdueTask.id).overdue).toBe(true);
    expect(d.tasks.find((t: any) => t.id === upcomingTask.id).overdue).toBe(false);
    expect(d.appointments.map((a: any) => a.id)).toContain(appointment.id);
    // Beyond the window asked for, the appointment and the upcoming task are not listed.
    const tomorrowOnly = await dashboard(U1, 'upcoming_days=1&limit=50');
    expect(tomorrowOnly.appointments.map((a: any) => a.id)).not.toContain(appointment.id);
    expect(tomorrowOnly.tasks.map((t: any) => t.id)).not.toContain(upcomingTask.id);
  });

  it('keeps every part within the caller\'s visibility', async () => {
    const other = await dashboard(U2, 'limit=50');
    expect(other.tasks.map((t: any) => t.id)).not.toContain(overdueTask.id);
    expect(other.appointments.map((a: any) => a.id)).not.toContain(appointment.id);
    expect(other.activities.filter((a: any) => a.owner_id !== USERS.acmeUser2.id)).toEqual([]);
    // Asking for another's records out of reach narrows everything to nothing.
    const narrowed = await dashboard(U2, `owner_id=${USERS.acmeUser1.id}&limit=50`);
    expect([narrowed.tasks, narrowed.appointments, narrowed.activities]).toEqual([[], [], []]);
    expect(narrowed.deal_summary.stages.every((s: any) => s.deal_count === 0)).toBe(true);
    // The manager sees their report's, alone or as the team.
    for (const query of [`owner_id=${USERS.acmeUser1.id}&limit=50`, `team_id=${USERS.acmeManager.id}&limit=50`]) {
      const m = await dashboard(MANAGER, query);
      expect(m.tasks.map((t: any) => t.id)).toContain(overdueTask.id);
      expect(m.appointments.map((a: any) => a.id)).toContain(appointment.id);
    }
  });

  it('answers a bad filter with one Sell error and no partial answer', async () => {
    expectError(await api('GET', '/v2/dashboard?upcoming_days=0', { as: U1 }), 400, 'invalid_param', 'upcoming_days');
    expectError(await api('GET', '/v2/dashboard?days=5&from=2026-01-01T00:00:00Z', { as: U1 }), 400, 'invalid_param', 'days');
    expectError(await api('GET', '/v2/dashboard?colour=red', { as: U1 }), 400, 'invalid_param', 'colour');
    expectError(await api('GET', `/v2/dashboard?team_id=${USERS.acmeManager.id}&owner_id=${USERS.acmeUser3.id}`, { as: U1 }), 400, 'invalid_param', 'owner_id');
    expect((await api('GET', `/v2/dashboard?pipeline_id=${pipeline.id}`, { as: GLOBEX })).status).toBe(404);
  });

  describe('with the notifications service unreachable', () => {
    let gateway: ServiceProcess;
    const url = `http://127.0.0.1:${E2E.dashboardGateway.gateway}`;

    beforeAll(async () => {
      gateway = startService('gateway-dashboard', 'gateway', gatewayEnv({
        HTTP_PORT: String(E2E.dashboardGateway.gateway), METRICS_PORT: '0', LIVE_NOTIFICATIONS_ENABLED: 'false', NOTIFICATIONS_GRPC_URL: `127.0.0.1:${E2E.dashboardGateway.deadGrpc}`,
      }));
      await waitForHttp(`${url}/readyz`);
    });

    afterAll(async () => gateway?.stop());

    it('still shows the other parts, and names the missing one', async () => {
      const d = await dashboard(U1, `owner_id=${USERS.acmeUser1.id}&limit=50`, url);
      expect(d.unavailable).toEqual(['activities']);
      expect(d.activities).toBeNull();
      expect(d.tasks.map((t: any) => t.id)).toContain(overdueTask.id);
      expect(d.deal_summary.pipeline_id).toBe(pipeline.id);
    });
  });
});
