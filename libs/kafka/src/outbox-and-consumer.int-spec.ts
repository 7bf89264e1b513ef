import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { createDatabase, migrate } from '@crm/db-pg';
import { buildEvent, decodePayload, deadLetterTopic, type CloudEvent } from '@crm/events';
import { crm } from '@crm/proto';
import { createTestDatabase, KafkaProbe, stack, TENANTS, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { createIdempotentProducer, createKafka, ensureTopics } from './kafka.factory';
import { IdempotentConsumer } from './idempotent.consumer';
import { KAFKA_MIGRATIONS } from './migrations';
import { appendToOutbox } from './outbox';
import { OutboxRelay } from './outbox.relay';

/** The table this test's consumer writes its effects to. */
const HANDLED_DDL = 'create table handled (event_id text not null, lead_id text not null)';

describe('outbox relay and idempotent consumer', () => {
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
    const probe = new KafkaProbe([topic]);
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

  it('applies a redelivered event once and dead-letters poison and failing events', async () => {
    const group = `it.consumer.${randomUUID().slice(0, 8)}`;
    const consumer = new IdempotentConsumer({
      kafka: createKafka({ clientId: 'it-consumer', brokers: stack.KAFKA_BROKERS }),
      db,
      groupId: group,
      topics: [topic],
      maxAttempts: 2,
      retryBackoffMs: 10,
      handle: async (event, trx) => {
        const { lead } = decodePayload<{ lead: { id: string } }>(event);
        if (lead.id === '8') throw new Error('handler keeps failing');
        await sql`insert into handled (event_id, lead_id) values (${event.id}, ${lead.id})`.execute(trx);
      },
    });
    const dlqProbe = new KafkaProbe([deadLetterTopic(topic, group)]);
    await consumer.start();
    await dlqProbe.start();

    const duplicate = leadEvent('7');
    const failing = leadEvent('8');
    const send = (e: CloudEvent) =>
      producer.send({ topic, messages: [{ key: e.partitionKey, value: Buffer.from(e.data), headers: { ce_specversion: '1.0', ce_id: e.id, ce_source: e.source, ce_type: e.type, ce_time: e.time, ce_tenantid: e.tenantId } }] });
    await send(duplicate);
    await send(duplicate);
    await producer.send({ topic, messages: [{ key: 'x', value: Buffer.from('not an event') }] });
    await send(failing);

    const dead = await dlqProbe.waitFor(() => true, 2, 30_000);
    await consumer.stop();
    await dlqProbe.stop();

    const { rows } = await sql<{ event_id: string; lead_id: string }>`select event_id, lead_id from handled where lead_id in ('7', '8')`.execute(db);
    expect(rows).toEqual([{ event_id: duplicate.id, lead_id: '7' }]);
    // The poison record and the failing event sit on different partitions, so their order in the DLQ is not fixed.
    expect(dead.map((d) => d.headers['x-dlq-reason']).sort()).toEqual(['handler keeps failing', 'missing header ce_specversion']);
    expect(dead.find((d) => d.headers['x-dlq-reason'] === 'handler keeps failing')?.headers.ce_id).toBe(failing.id);
  });
});
