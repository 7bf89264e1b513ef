import pg from 'pg';
import { accessToken, createTestDatabase, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { dealsPipelinesEnv, E2E, gatewayEnv, leadsContactsEnv } from '../support/e2e-env';
import { runServiceCommand, startService, waitForHttp, type ServiceProcess } from '../support/service-process';

const PORTS = E2E.conversionFault;
const GATEWAY = `http://127.0.0.1:${PORTS.gateway}`;

/**
 * A lead conversion with a deal spans two services. Each test freezes leads-contacts (SIGSTOP) while
 * the conversion is in flight, kills one service, and checks that nothing half-done is visible and
 * that the same request, retried, completes the conversion exactly once.
 */
describe('lead conversion with a deal when a service dies in the middle', () => {
  let leadsDb: TestDatabase;
  let dealsDb: TestDatabase;
  let dealsOwner: pg.Client;
  let leads: ServiceProcess;
  let deals: ServiceProcess;
  let gateway: ServiceProcess;
  const run = `${Date.now()}`;

  const leadsEnv = () => leadsContactsEnv(leadsDb.appUrl, { GRPC_PORT: String(PORTS.leadsGrpc), HTTP_PORT: String(PORTS.leadsHttp), OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0' });
  const dealsEnv = () =>
    dealsPipelinesEnv(dealsDb.appUrl, {
      GRPC_PORT: String(PORTS.dealsGrpc), HTTP_PORT: String(PORTS.dealsHttp), LEADS_CONTACTS_GRPC_URL: `127.0.0.1:${PORTS.leadsGrpc}`,
      CONVERSION_CONSUMER_GROUP: `crm.e2e.conversion-crash-${run}`, OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0',
    });
  const startLeads = async () => {
    leads = startService('leads-contacts-conversion', 'leads-contacts', leadsEnv());
    await waitForHttp(`http://127.0.0.1:${PORTS.leadsHttp}/readyz`);
  };
  const startDeals = async () => {
    deals = startService('deals-pipelines-conversion', 'deals-pipelines', dealsEnv());
    await waitForHttp(`http://127.0.0.1:${PORTS.dealsHttp}/readyz`);
  };

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${GATEWAY}${path}`, {
      method,
      headers: { authorization: `Bearer ${await accessToken('acme-user1')}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify({ data: body }) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** The deal id reserved for a lead, read straight from the deals database. */
  async function reservedDealId(leadId: number): Promise<string | undefined> {
    const { rows } = await dealsOwner.query<{ deal_id: string }>('select deal_id from deal_reservations where lead_id = $1', [leadId]);
    return rows[0]?.deal_id;
  }

  async function newLead(name: string): Promise<number> {
    const res = await call('POST', '/v2/leads', { first_name: 'Kim', last_name: `${name} ${run}`, organization_name: `${name} Ltd ${run}` });
    expect(res.status).toBe(200);
    return res.body.data.id;
  }

  /**
   * Starts a conversion and freezes leads-contacts inside it, after both services have read the
   * lead as the caller and the deal is reserved: the test holds the lead's row lock, so the
   * conversion's transaction waits on it; leads-contacts is then stopped (SIGSTOP) and the lock
   * released, leaving the conversion's transaction open until the process resumes or dies.
   */
  async function convertWhileFrozen(leadId: number) {
    const lock = new pg.Client({ connectionString: leadsDb.ownerUrl });
    await lock.connect();
    await lock.query(`select set_config('app.tenant_id', $1, false)`, [TENANTS.acme]);
    await lock.query('begin');
    await lock.query('select id from leads where id = $1 for update', [leadId]);
    const response = call('POST', '/v2/lead_conversions', { lead_id: leadId, create_deal: true, deal: { name: 'Rollout', owner_id: 1003, value: '250.00' } });
    await waitUntil(async () => (await reservedDealId(leadId)) !== undefined);
    await waitUntil(async () => Number((await lock.query('select count(*) from pg_locks where not granted')).rows[0].count) > 0);
    leads.child.kill('SIGSTOP');
    await lock.query('commit');
    await lock.end();
    return { response, dealId: Number(await reservedDealId(leadId)) };
  }

  beforeAll(async () => {
    leadsDb = await createTestDatabase('e2e_conv_leads');
    dealsDb = await createTestDatabase('e2e_conv_deals');
    await runServiceCommand('leads-contacts', leadsContactsEnv(leadsDb.appUrl, { DB_MIGRATION_URL: leadsDb.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
    await runServiceCommand('deals-pipelines', dealsPipelinesEnv(dealsDb.appUrl, { DB_MIGRATION_URL: dealsDb.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
    dealsOwner = new pg.Client({ connectionString: dealsDb.ownerUrl });
    await dealsOwner.connect();
    // The owner is subject to row-level security too (FORCE); this session reads the test tenant.
    await dealsOwner.query(`select set_config('app.tenant_id', $1, false)`, [TENANTS.acme]);
    await startLeads();
    await startDeals();
    gateway = startService('gateway-conversion', 'gateway', gatewayEnv({
      HTTP_PORT: String(PORTS.gateway), LEADS_CONTACTS_GRPC_URL: `127.0.0.1:${PORTS.leadsGrpc}`, DEALS_PIPELINES_GRPC_URL: `127.0.0.1:${PORTS.dealsGrpc}`,
      // Long enough that a frozen service answers once it is resumed.
      GRPC_TIMEOUT_MS: '30000', OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0',
    }));
    await waitForHttp(`${GATEWAY}/readyz`);
  }, 120_000);

  afterAll(async () => {
    leads?.child.kill('SIGCONT');
    await gateway?.stop();
    await deals?.stop('SIGKILL');
    await leads?.stop('SIGKILL');
    await dealsOwner?.end();
    await dealsDb?.drop();
    await leadsDb?.drop();
  });

  it('finishes the deal after deals-pipelines dies between the conversion and the deal, once', async () => {
    const leadId = await newLead('Survivor');
    const { response, dealId } = await convertWhileFrozen(leadId);
    await deals.stop('SIGKILL');
    leads.child.kill('SIGCONT');
    // The conversion committed in leads-contacts; the deal could not be created yet.
    expect((await response).status).toBe(503);
    const [conversion] = (await call('GET', `/v2/lead_conversions?lead_id=${leadId}`)).body.items.map((i: any) => i.data);
    expect(conversion).toMatchObject({ lead_id: leadId, deal_id: dealId });

    // Back up, deals-pipelines finishes the deal from the lead.converted event, without any retry.
    await startDeals();
    await waitUntil(async () => (await call('GET', `/v2/deals/${dealId}`)).status === 200, 90_000);
    expect((await call('GET', `/v2/deals/${dealId}`)).body.data).toMatchObject({ value: 250, contact_id: conversion.individual_id, organization_id: conversion.organization_id, name: 'Rollout' });

    // The client's retry of the same request answers the same conversion; there is one deal.
    const retry = await call('POST', '/v2/lead_conversions', { lead_id: leadId, create_deal: true, deal: { name: 'Rollout', owner_id: 1003, value: '250.00' } });
    expect(retry.status).toBe(200);
    expect(retry.body.data).toEqual(conversion);
    expect((await call('GET', `/v2/deals?contact_id=${conversion.individual_id}`)).body.items.map((i: any) => i.data.id)).toEqual([dealId]);
  }, 120_000);

  it('leaves nothing visible when leads-contacts dies before the conversion commits, and a retry completes it once', async () => {
    const leadId = await newLead('Phoenix');
    const { response, dealId } = await convertWhileFrozen(leadId);
    await leads.stop('SIGKILL');
    expect((await response).status).toBe(503);
    await startLeads();

    // Not converted, no deal: the reservation is invisible. (The gateway reconnects within seconds.)
    await waitUntil(async () => (await call('GET', `/v2/leads/${leadId}`)).status === 200);
    expect((await call('GET', `/v2/lead_conversions?lead_id=${leadId}`)).body.items).toEqual([]);
    expect((await call('GET', `/v2/deals/${dealId}`)).status).toBe(404);
    expect((await call('GET', '/v2/deals?per_page=100')).body.items.map((i: any) => i.data.id)).not.toContain(dealId);

    // deals-pipelines reaches the restarted leads-contacts on its own channel, some seconds after the
    // gateway does; until then the conversion answers 503, and a client retries.
    const convert = () => call('POST', '/v2/lead_conversions', { lead_id: leadId, create_deal: true, deal: { name: 'Rollout', owner_id: 1003, value: '250.00' } });
    let retry = await convert();
    for (let attempt = 1; retry.status === 503 && attempt < 30; attempt++) {
      await new Promise((r) => setTimeout(r, 500));
      retry = await convert();
    }
    expect(retry.status).toBe(200);
    expect(retry.body.data).toMatchObject({ lead_id: leadId, deal_id: dealId });
    expect((await call('GET', `/v2/deals?contact_id=${retry.body.data.individual_id}`)).body.items.map((i: any) => i.data.id)).toEqual([dealId]);
    const again = await convert();
    expect(again.body.data).toEqual(retry.body.data);
  }, 120_000);
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
