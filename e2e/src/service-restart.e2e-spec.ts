import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { E2E, gatewayEnv, leadsContactsEnv } from '../support/e2e-env';
import { api } from '../support/http';
import { LOG_DIR, runServiceCommand, startService, startSupervisedService, waitForHttp, type ServiceProcess, type SupervisedProcess } from '../support/service-process';

const PORTS = E2E.restart;
const baseUrl = `http://127.0.0.1:${PORTS.gateway}`;

describe('a backing service that dies', () => {
  let database: TestDatabase;
  let gateway: ServiceProcess;
  let leads: SupervisedProcess;

  beforeAll(async () => {
    database = await createTestDatabase('e2e_restart');
    await runServiceCommand('leads-contacts', leadsContactsEnv(database.appUrl, { DB_MIGRATION_URL: database.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
    leads = startSupervisedService(
      'leads-contacts-restart',
      'leads-contacts',
      leadsContactsEnv(database.appUrl, { GRPC_PORT: String(PORTS.grpc), HTTP_PORT: String(PORTS.http), OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0' }),
    );
    gateway = startService('gateway-restart', 'gateway', gatewayEnv({ HTTP_PORT: String(PORTS.gateway), LEADS_CONTACTS_GRPC_URL: `127.0.0.1:${PORTS.grpc}`, OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0' }));
    await waitForHttp(`http://127.0.0.1:${PORTS.http}/readyz`);
    await waitForHttp(`${baseUrl}/readyz`);
  });

  afterAll(async () => {
    await leads?.stop();
    await gateway?.stop();
    await database?.drop();
  });

  it('is restarted by its supervisor, the gateway answers 503 meanwhile and recovers by itself', async () => {
    const created = await api('POST', '/v2/leads', { as: 'acme-user1', baseUrl, body: { data: { last_name: 'Before' } } });
    expect(created.status).toBe(200);
    const firstPid = leads.servicePid();

    process.kill(firstPid, 'SIGKILL');
    const down = await api('GET', `/v2/leads/${created.body.data.id}`, { as: 'acme-user1', baseUrl });
    expect(down.status).toBe(503);
    expect(down.body.errors[0].error.code).toBe('temporarily_unavailable');

    // Calls succeed again through the same gateway process once the supervisor has restarted the service.
    const deadline = Date.now() + 60_000;
    let after = down;
    while (after.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      after = await api('GET', `/v2/leads/${created.body.data.id}`, { as: 'acme-user1', baseUrl });
    }
    expect(after.status).toBe(200);
    expect(after.body.data.last_name).toBe('Before');
    expect(leads.servicePid()).not.toBe(firstPid);
    expect(gateway.child.exitCode).toBeNull();
    const log = readFileSync(path.join(LOG_DIR, 'e2e-leads-contacts-restart.log'), 'utf8');
    expect(log).toMatch(/leads-contacts-restart exited with status 137 .*; restarting in 1 s/);
    expect(log).toMatch(/leads-contacts-restart restarted \(run 2, pid \d+\)/);
  });
});
