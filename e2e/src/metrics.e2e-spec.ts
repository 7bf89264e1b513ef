import { E2E } from '../support/e2e-env';
import { api, USERS } from '../support/http';

async function scrape(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('metrics', () => {
  it('exposes request, outbox, consumer, worker and runtime metrics for Prometheus', async () => {
    await api('POST', '/v2/leads', { as: USERS.acmeUser1.username, body: { data: { last_name: 'Measured' } } });
    await new Promise((r) => setTimeout(r, 1000));
    const gateway = await scrape(E2E.gatewayMetricsPort);
    expect(gateway).toMatch(/^http_server_\w+/m);
    const leads = await scrape(E2E.leadsMetricsPort);
    expect(leads).toMatch(/^crm_outbox_backlog(\{[^}]*\})? 0$/m);
    expect(leads).toMatch(/^crm_outbox_published(_total)?(\{[^}]*\})? [1-9]\d*$/m);
    expect(leads).toMatch(/^v8js_memory_\w+/m);
    // Hosted work reports itself: the object purger's passes, and the lead-conversion consumer's lag
    // on the lead topic it reads (it has read the lead created above by now).
    expect(leads).toMatch(/^crm_worker_runs_total\{[^}]*worker="ObjectPurger"[^}]*\} [1-9]\d*$/m);
    const deals = await scrape(E2E.dealsMetricsPort);
    expect(deals).toMatch(/^crm_consumer_lag\{(?=[^}]*consumer_group="[^"]+")(?=[^}]*partition="crm\.leads\.lead\.v1\/\d+")[^}]*\} \d+$/m);
  });
});
