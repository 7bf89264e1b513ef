import pg from 'pg';
import { accessToken, createTestDatabase, TEST_APP_ROLE, TENANTS, type TestDatabase } from '@crm/testing';
import { waitForJob } from '../support/data-jobs';
import { E2E, gatewayEnv, leadsContactsEnv } from '../support/e2e-env';
import { runServiceCommand, startService, waitForHttp, type ServiceProcess } from '../support/service-process';

const PORTS = E2E.importFault;
const ROWS = 3_000;

/**
 * An import whose service is killed mid-file resumes after the restart from its last committed
 * batch: every row lands exactly once.
 */
describe('an import killed mid-file', () => {
  let database: TestDatabase;
  // One connection in the acme tenant for the whole test (row-level security applies to the owner too).
  let db: pg.Client;
  let gateway: ServiceProcess;
  let leads: ServiceProcess;
  const options = { baseUrl: `http://127.0.0.1:${PORTS.gateway}` };
  const leadsEnv = () =>
    leadsContactsEnv(database.appUrl, {
      GRPC_PORT: String(PORTS.grpc), HTTP_PORT: String(PORTS.http), OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0',
      // Small batches and a short lease, so that the kill lands mid-file and the restart resumes soon.
      IMPORT_BATCH_SIZE: '50', JOB_LEASE_MS: '3000', JOB_POLL_INTERVAL_MS: '100',
    });

  beforeAll(async () => {
    database = await createTestDatabase('e2e_import_crash');
    await runServiceCommand('leads-contacts', leadsContactsEnv(database.appUrl, { DB_MIGRATION_URL: database.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
    db = new pg.Client({ connectionString: database.ownerUrl });
    await db.connect();
    await db.query(`select set_config('app.tenant_id', $1, false)`, [TENANTS.acme]);
    gateway = startService('gateway-import-crash', 'gateway', gatewayEnv({ HTTP_PORT: String(PORTS.gateway), LEADS_CONTACTS_GRPC_URL: `127.0.0.1:${PORTS.grpc}`, OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0' }));
    leads = startService('leads-contacts-import-crash', 'leads-contacts', leadsEnv());
    await waitForHttp(`http://127.0.0.1:${PORTS.http}/readyz`);
    await waitForHttp(`${options.baseUrl}/readyz`);
  });

  afterAll(async () => {
    await leads?.stop('SIGKILL');
    await gateway?.stop();
    await db?.end();
    await database?.drop();
  });

  it('resumes after SIGKILL from its checkpoint and writes every row exactly once', async () => {
    const token = await accessToken('acme-user1');
    const call = (method: string, path: string, body?: string, type = 'application/json') =>
      fetch(`${options.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, ...(body !== undefined ? { body } : {}) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const csv = ['last_name,email,tags', ...Array.from({ length: ROWS }, (_, i) => `Crash-${i},crash-${i}@example.com,crash`)].join('\n');
    const job = (await call('POST', '/v2/imports', JSON.stringify({ data: { resource_type: 'lead' } }))).body.data;
    expect((await call('PUT', `/v2/imports/${job.id}/file`, csv, 'text/csv')).status).toBe(200);

    // Kill the service once some batches, but not all, have committed.
    const progress = async () => (await db.query<{ processed_rows: number }>('select processed_rows from data_jobs where id = $1', [job.id])).rows[0]!.processed_rows;
    const deadline = Date.now() + 60_000;
    let before = 0;
    while ((before = await progress()) < 100) {
      if (Date.now() > deadline) throw new Error('the import made no progress');
      await new Promise((r) => setTimeout(r, 20));
    }
    await leads.stop('SIGKILL');
    before = await progress();
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(ROWS);
    const committed = async () => Number((await db.query<{ n: string }>(`select count(*) as n from leads where tags @> array['crash']`)).rows[0]!.n);
    // The checkpoint and the rows commit together.
    expect(await committed()).toBe(before);

    leads = startService('leads-contacts-import-crash', 'leads-contacts', leadsEnv());
    await waitForHttp(`http://127.0.0.1:${PORTS.http}/readyz`);
    const done = await waitForJob('acme-user1', 'imports', job.id, { ...options, token }, 120_000);
    expect(done).toMatchObject({ status: 'succeeded', total_rows: ROWS, processed_rows: ROWS, created_count: ROWS, failed_count: 0 });
    expect(await committed()).toBe(ROWS);
    const duplicates = await db.query(`select email from leads where tags @> array['crash'] group by email having count(*) > 1`);
    expect(duplicates.rows).toEqual([]);
    const { rows } = await db.query<{ attempts: number }>('select attempts from data_jobs where id = $1', [job.id]);
    expect(rows[0]!.attempts).toBe(2);
  });

  it('fails only the row the database refuses; the rest of its batch lands', async () => {
    // A rule only the database knows (here a trigger) refuses one row in the middle of a batch.
    await db.query(`create function refuse_lead() returns trigger language plpgsql as $$ begin
      if new.last_name = 'Refused' then raise exception 'leads named Refused are not allowed'; end if; return new; end $$`);
    await db.query('create trigger refuse_lead before insert on leads for each row execute function refuse_lead()');
    const token = await accessToken('acme-user1');
    const call = (method: string, path: string, body: string, type = 'application/json') =>
      fetch(`${options.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const job = (await call('POST', '/v2/imports', JSON.stringify({ data: { resource_type: 'lead' } }))).body.data;
    await call('PUT', `/v2/imports/${job.id}/file`, 'last_name,tags\nKept-1,refuse\nRefused,refuse\nKept-2,refuse\n', 'text/csv');
    const done = await waitForJob('acme-user1', 'imports', job.id, { ...options, token });
    expect(done).toMatchObject({ status: 'succeeded', created_count: 2, failed_count: 1 });
    const errors = (await fetch(`${options.baseUrl}/v2/imports/${job.id}/errors`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as any;
    expect(errors.items.map((i: any) => [i.data.row_number, i.data.errors[0].code])).toEqual([[2, 'rejected']]);
    const kept = await db.query(`select last_name from leads where tags @> array['refuse'] order by last_name`);
    expect(kept.rows.map((r) => r.last_name)).toEqual(['Kept-1', 'Kept-2']);
  });
});
