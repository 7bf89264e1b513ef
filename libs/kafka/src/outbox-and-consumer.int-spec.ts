import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { sql, type Kysely, type Transaction } from 'kysely';
import { createDatabase, migrate, NotificationListener } from '@crm/db-pg';
import { buildEvent, cloudEventHeaders, deadLetterTopic, type CloudEvent } from '@crm/events';
import { createLogger } from '@crm/observability';
import { crm } from '@crm/proto';
import { createTestDatabase, KafkaProbe, stack, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { createIdempotentProducer, createKafka, ensureTopics } from './kafka.factory';
import { EventConsumerHost, PostgresEventLedger, type EventHandlers } from './event-consumer.host';
import { KAFKA_MIGRATIONS } from './migrations';
import { appendToOutbox, OUTBOX_CHANNEL } from './outbox';
import { OutboxRelay } from './outbox.relay';

/** The table this test's consumer writes its effects to. */
const HANDLED_DDL = 'create table handled (event_id text not null, lead_id text not null, tenant text)';

describe('outbox relay and consumer host', () => {
  const topic = `test.outbox.${randomUUID().slice(0, 8)}`;
  const kafka = createKafka({ clientId: 'it-outbox', brokers: stack.KAFKA_BROKERS });
  let database: TestDatabase;
  let db: Kysely<unknown>;
  const producer = createIdempotentProducer(kafka);

  const leadEvent = (id: string): CloudEvent => ({
    ...buildEvent({
      kind: 'leadCreated',
      tenantId: TENANTS.acme,
      aggregateId: id,
      subject: `tenants/${TENANTS.acme}/leads/${id}`,
      payload: { lead: crm.leads.v1.Lead.fromPartial({ id, lastName: `L${id}`, status: 'new' }) },
    }),
    topic,
  });

  beforeAll(async () => {
    database = await createTestDatabase('it_kafka');
    const owner = createDatabase({ url: database.ownerUrl });
    await sql.raw(HANDLED_DDL).execute(owner);
    await owner.destroy();
    await migrate(database.ownerUrl, [KAFKA_MIGRATIONS], { runtimeRole: TEST_APP_ROLE });
    db = createDatabase({ url: database.appUrl });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ name: topic, partitions: 3, retentionMs: 3600_000 }]);
    await admin.disconnect();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await db?.destroy();
    await database?.drop();
  });

  it('publishes committed events once each, in order per key, and never rolled-back ones', async () => {
    // The topic is this suite's own: read all of it, so a slow first fetch on a cold broker misses nothing.
    const probe = new KafkaProbe([topic], { fromBeginning: true });
    await probe.start();
    const committed = [leadEvent('1'), leadEvent('2'), leadEvent('1')];
    for (const e of committed) await db.transaction().execute((trx) => appendToOutbox(trx, e));
    await expect(
      db.transaction().execute(async (trx) => {
        await appendToOutbox(trx, leadEvent('3'));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');

    const relay = new OutboxRelay(db, producer, { pollIntervalMs: 50, batchSize: 2, retentionMs: 0, lockKey: 1 });
    expect(await relay.publishPending()).toBe(3);
    expect(await relay.publishPending()).toBe(0);

    const received = await probe.waitFor(() => true, 3);
    await new Promise((r) => setTimeout(r, 500));
    await probe.stop();
    expect(probe.records).toHaveLength(3);
    expect(received.map((r) => r.headers.ce_id)).toEqual(expect.arrayContaining(committed.map((e) => e.id)));
    expect(received.filter((r) => r.key === '1').map((r) => r.headers.ce_id)).toEqual([committed[0]!.id, committed[2]!.id]);
    for (const r of received) {
      expect(r.headers).toMatchObject({ ce_specversion: '1.0', ce_type: 'com.pipewright.crm.leads.lead.created.v1', ce_tenantid: TENANTS.acme, 'content-type': 'application/protobuf' });
    }
  });

  it('publishes a committed event when PostgreSQL announces it, without waiting for a poll', async () => {
    const probe = new KafkaProbe([topic], { fromBeginning: true });
    await probe.start();
    // A poll far beyond the test's time: only the notice can start the pass that publishes.
    const relay = new OutboxRelay(db, producer, { pollIntervalMs: 600_000, batchSize: 10, retentionMs: 3600_000, lockKey: 1 });
    relay.start();
    await new Promise((r) => setTimeout(r, 200)); // the first pass finds nothing and sleeps
    const listener = new NotificationListener({ url: database.appUrl });
    await listener.listen(OUTBOX_CHANNEL, () => relay.notify());
    listener.start();
    try {
      while (!listener.listening) await new Promise((r) => setTimeout(r, 20));
      const event = leadEvent('7');
      await db.transaction().execute((trx) => appendToOutbox(trx, event));
      const [received] = await probe.waitFor((r) => r.headers.ce_id === event.id, 1);
      expect(received!.key).toBe('7');
    } finally {
      await listener.stop();
      await relay.stop();
      await probe.stop();
    }
  });

  describe(EventConsumerHost.name, () => {
    const logger = createLogger('it-consumer', 'silent');
    const hosts: EventConsumerHost<Transaction<unknown>>[] = [];
    /** Each test reads a topic of its own from the beginning. */
    let hostTopic: string;
    beforeEach(async () => {
      hostTopic = `test.consumer.${randomUUID().slice(0, 8)}`;
      const admin = kafka.admin();
      await admin.connect();
      await ensureTopics(admin, [{ name: hostTopic, partitions: 3, retentionMs: 3600_000 }]);
      await admin.disconnect();
    });
    const host = (groupId: string, handlers: EventHandlers<unknown>) => {
      const sut = new EventConsumerHost({ kafka: createKafka({ clientId: 'it-consumer', brokers: stack.KAFKA_BROKERS }), ledger: new PostgresEventLedger(db), groupId, handlers, logger, topics: [hostTopic], maxAttempts: 3, retryBackoffMs: 10 });
      hosts.push(sut);
      return sut;
    };
    const send = (e: CloudEvent) =>
      producer.send({ topic: hostTopic, messages: [{ key: e.partitionKey, value: Buffer.from(e.data), headers: cloudEventHeaders(e) }] });
    const handledRows = async (ids: string[]) =>
      (await sql<{ event_id: string; lead_id: string; tenant: string }>`select event_id, lead_id, tenant from handled where lead_id = any(${ids}) order by lead_id`.execute(db)).rows;

    afterEach(async () => {
      await Promise.all(hosts.splice(0).map((h) => h.stop()));
    });

    it('applies each event once in its tenant, retries a failing one, skips types it does not handle and dead-letters the rest', async () => {
      const group = `it.consumer.${randomUUID().slice(0, 8)}`;
      let flaky = 0;
      const sut = host(group, {
        leadCreated: async ({ lead }, event, trx) => {
          if (lead!.id === '8') throw new Error('handler keeps failing');
          if (lead!.id === '9' && ++flaky < 3) throw new Error('fails twice');
          await sql`insert into handled (event_id, lead_id, tenant) values (${event.id}, ${lead!.id}, current_setting('app.tenant_id', true))`.execute(trx);
        },
      });
      // The dead-letter topic exists before the probe reads it, and the probe reads before anything can arrive.
      const admin = kafka.admin();
      await admin.connect();
      await ensureTopics(admin, [{ name: deadLetterTopic(hostTopic, group), partitions: 1, retentionMs: 3600_000 }]);
      await admin.disconnect();
      const dlqProbe = new KafkaProbe([deadLetterTopic(hostTopic, group)]);
      await dlqProbe.start();
      sut.start();
      await sut.ready();

      const duplicate = leadEvent('7');
      const failing = leadEvent('8');
      const flakyEvent = leadEvent('9');
      const otherType = { ...buildEvent({ kind: 'leadDeleted', tenantId: TENANTS.acme, aggregateId: '7', subject: 's', payload: { id: '7', ownerId: '1' } }), topic };
      await send(duplicate);
      await send(duplicate);
      await send(otherType);
      await producer.send({ topic: hostTopic, messages: [{ key: 'x', value: Buffer.from('not an event') }] });
      await send(failing);
      await send(flakyEvent);

      const dead = await dlqProbe.waitFor(() => true, 2, 30_000);
      await waitUntil(async () => (await handledRows(['9'])).length === 1);
      await dlqProbe.stop();

      expect(await handledRows(['7', '8', '9'])).toEqual([
        { event_id: duplicate.id, lead_id: '7', tenant: TENANTS.acme },
        { event_id: flakyEvent.id, lead_id: '9', tenant: TENANTS.acme },
      ]);
      expect(flaky).toBe(3);
      // The poison record and the failing event sit on different partitions, so their order in the DLQ is not fixed.
      expect(dead.map((d) => d.headers['x-dlq-reason']).sort()).toEqual(['handler keeps failing', 'missing header ce_specversion']);
      expect(dead.find((d) => d.headers['x-dlq-reason'] === 'handler keeps failing')?.headers.ce_id).toBe(failing.id);
      const processed = await sql<{ event_id: string }>`select event_id from processed_events where consumer_group = ${group}`.execute(db);
      expect(processed.rows.map((r) => r.event_id).sort()).toEqual([duplicate.id, flakyEvent.id].sort());
      await waitUntil(async () => sut.currentLag() === 0);
    });

    it('finishes the event in hand on stop, and a new member of the group goes on from there', async () => {
      const group = `it.consumer.${randomUUID().slice(0, 8)}`;
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inHandler = new Promise<void>((r) => (entered = r));
      const apply = async (event: CloudEvent, leadId: string, trx: Transaction<unknown>) =>
        void (await sql`insert into handled (event_id, lead_id, tenant) values (${event.id}, ${leadId}, 'drain')`.execute(trx));
      const first = host(group, {
        leadCreated: async ({ lead }, event, trx) => {
          entered();
          await released;
          await apply(event, lead!.id, trx);
        },
      });
      first.start();
      await first.ready();
      const slow = leadEvent('20');
      await send(slow);
      await inHandler;

      let stopped = false;
      const stopping = first.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(await handledRows(['20'])).toEqual([{ event_id: slow.id, lead_id: '20', tenant: 'drain' }]);

      const next = leadEvent('21');
      await send(next);
      const second = host(group, { leadCreated: async ({ lead }, event, trx) => apply(event, lead!.id, trx) });
      second.start();
      await waitUntil(async () => (await handledRows(['21'])).length === 1);
      expect(await handledRows(['20', '21'])).toEqual([
        { event_id: slow.id, lead_id: '20', tenant: 'drain' },
        { event_id: next.id, lead_id: '21', tenant: 'drain' },
      ]);
    });

    it('keeps trying to join while the broker is unreachable and stops at once when asked', async () => {
      const sut = new EventConsumerHost({
        kafka: new Kafka({ clientId: 'it-unreachable', brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING, retry: { retries: 0 } }),
        ledger: new PostgresEventLedger(db), groupId: 'it.unreachable', handlers: { leadCreated: async () => undefined }, logger, maxJoinBackoffMs: 100,
      });
      sut.start();
      await new Promise((r) => setTimeout(r, 1_000));
      const started = Date.now();
      await sut.stop();
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });
});

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
