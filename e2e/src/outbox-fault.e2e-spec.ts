import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { createDatabase } from '@crm/db-pg';
import { TOPICS } from '@crm/events';
import { createKafka, EventConsumerHost, PostgresEventLedger } from '@crm/kafka';
import { createLogger } from '@crm/observability';
import { accessToken, createTestDatabase, KafkaProbe, stack, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { E2E, gatewayEnv, leadsContactsEnv } from '../support/e2e-env';
import { runServiceCommand, startService, waitForHttp, type ServiceProcess } from '../support/service-process';

const PORTS = E2E.fault;

describe('outbox under a crash', () => {
  let database: TestDatabase;
  let db: Kysely<any>;
  let gateway: ServiceProcess;
  let leads: ServiceProcess;
  const consumerGroup = `crm.e2e.fault-${Date.now()}`;
  let consumer: EventConsumerHost<any>;

  const leadsEnv = (relay: boolean) =>
    leadsContactsEnv(database.appUrl, { GRPC_PORT: String(PORTS.grpc), HTTP_PORT: String(PORTS.http), OUTBOX_RELAY_ENABLED: String(relay), OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0' });

  beforeAll(async () => {
    database = await createTestDatabase('e2e_fault');
    await runServiceCommand('leads-contacts', leadsContactsEnv(database.appUrl, { DB_MIGRATION_URL: database.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await owner.query(`create table handled (event_id text not null, lead_id text not null); grant select, insert on handled to ${TEST_APP_ROLE}`);
    await owner.end();
    db = createDatabase({ url: database.appUrl });
    gateway = startService('gateway-fault', 'gateway', gatewayEnv({ HTTP_PORT: String(PORTS.gateway), LEADS_CONTACTS_GRPC_URL: `127.0.0.1:${PORTS.grpc}`, OTEL_EXPORTER_OTLP_ENDPOINT: '', METRICS_PORT: '0' }));
    consumer = new EventConsumerHost({
      kafka: createKafka({ clientId: 'e2e-fault', brokers: stack.KAFKA_BROKERS }),
      ledger: new PostgresEventLedger(db),
      groupId: consumerGroup,
      logger: createLogger('e2e-fault', 'warn'),
      fromBeginning: false,
      handlers: {
        leadCreated: async ({ lead }, event, trx) => void (await sql`insert into handled (event_id, lead_id) values (${event.id}, ${lead!.id})`.execute(trx)),
      },
    });
    consumer.start();
    await consumer.ready();
  });

  afterAll(async () => {
    await consumer?.stop();
    await leads?.stop('SIGKILL');
    await gateway?.stop();
    await db?.destroy();
    await database?.drop();
  });

  it('publishes a lead committed just before SIGKILL after the restart, and the consumer applies it once', async () => {
    // 1. The service commits the lead and its outbox row, and dies before any relay runs.
    leads = startService('leads-contacts-fault', 'leads-contacts', leadsEnv(false));
    await waitForHttp(`http://127.0.0.1:${PORTS.http}/readyz`);
    await waitForHttp(`http://127.0.0.1:${PORTS.gateway}/readyz`);
    const res = await fetch(`http://127.0.0.1:${PORTS.gateway}/v2/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await accessToken('acme-user1')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { last_name: 'Survivor' } }),
    });
    expect(res.status).toBe(200);
    const leadId = String(((await res.json()) as { data: { id: number } }).data.id);
    await leads.stop('SIGKILL');
    const pending = await sql<{ published_at: Date | null }>`select published_at from outbox where partition_key = ${leadId}`.execute(db);
    expect(pending.rows).toEqual([{ published_at: null }]);

    // 2. After the restart the relay publishes it.
    const probe = new KafkaProbe([TOPICS.leadsLead]);
    await probe.start();
    leads = startService('leads-contacts-fault', 'leads-contacts', leadsEnv(true));
    const [first] = await probe.waitFor((r) => r.key === leadId, 1, 30_000);
    const handled = async () => (await sql<{ event_id: string }>`select event_id from handled where lead_id = ${leadId}`.execute(db)).rows;
    await waitUntil(async () => (await handled()).length === 1);

    // 3. A crash between the send and the commit re-sends the row: the consumer still applies it once.
    await leads.stop('SIGKILL');
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await owner.query('update outbox set published_at = null where partition_key = $1', [leadId]);
    await owner.end();
    leads = startService('leads-contacts-fault', 'leads-contacts', leadsEnv(true));
    const copies = await probe.waitFor((r) => r.key === leadId, 2, 30_000);
    await probe.stop();
    expect(copies.map((c) => c.headers.ce_id)).toEqual([first!.headers.ce_id, first!.headers.ce_id]);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await handled()).toEqual([{ event_id: first!.headers.ce_id }]);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
