import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo } from '@crm/db-mongo';
import { buildEvent, cloudEventHeaders, TOPICS, type CloudEvent } from '@crm/events';
import { createIdempotentProducer, createKafka } from '@crm/kafka';
import { crm } from '@crm/proto';
import { stack, startGroupAtEnd } from '@crm/testing';
import { E2E, e2eMongoUrl, notificationsEnv } from '../support/e2e-env';
import { eventually } from '../support/eventually';
import { RUN_ID } from '../support/run-id';
import { runServiceCommand, startService, waitForHttp, type ServiceProcess } from '../support/service-process';

const EVENTS = 400;
const PORTS = E2E.notificationsCrash;

/**
 * A notifications process killed (SIGKILL) while it raises notifications, each event delivered
 * twice: after a restart every event has told its user exactly once, and each of its sends is
 * queued exactly once.
 */
describe('notifications killed in the middle of its work', () => {
  const dbName = `e2e_notifications_crash_${RUN_ID}`;
  const group = `crm.notifications.crash.${RUN_ID}`;
  const tenantId = randomUUID();
  let mongo: Connection;
  let service: ServiceProcess | undefined;
  const env = notificationsEnv({
    GRPC_PORT: String(PORTS.grpc), HTTP_PORT: String(PORTS.http), METRICS_PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: '',
    // The tasks' topic is placed at its end before the first start, so a kill before the first
    // commit loses nothing; the other topics start where the group first joins.
    MONGO_DB_NAME: dbName, DOMAIN_EVENTS_CONSUMER_GROUP: group, DOMAIN_EVENTS_START: 'latest',
    // Only what the consumer writes is under test here: the sends stay queued.
    DELIVERY_ENABLED: 'false',
  });
  const start = async () => {
    service = startService('notifications-crash', 'notifications', env);
    await waitForHttp(`http://127.0.0.1:${PORTS.http}/readyz`);
  };

  beforeAll(async () => {
    await runServiceCommand('notifications', env, ['migrate']);
    await startGroupAtEnd(group, [TOPICS.calendarTask]);
    mongo = await connectMongo({ url: e2eMongoUrl, dbName });
  });

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await mongo?.dropDatabase();
    await mongo?.close();
  });

  it('loses no notification and raises none twice through a SIGKILL and redelivered events', async () => {
    await start();
    // Task assignments by user 1 to users 2..41 of a tenant of this test alone, each sent twice.
    const events: CloudEvent[] = Array.from({ length: EVENTS }, (_, i) => {
      const task = crm.calendar.v1.Task.fromPartial({ id: String(i + 1), ownerId: String(2 + (i % 40)), creatorId: '1', content: `Crash ${i + 1}` });
      return buildEvent({ kind: 'taskAssigned', tenantId, aggregateId: task.id, subject: `tenants/${tenantId}/tasks/${task.id}`, payload: { task, previousOwnerId: '1' }, actorId: '1' });
    });
    const producer = createIdempotentProducer(createKafka({ clientId: 'e2e-notifications-crash', brokers: stack.KAFKA_BROKERS }));
    await producer.connect();
    const send = (list: CloudEvent[]) => producer.send({ topic: TOPICS.calendarTask, acks: -1, messages: list.map((e) => ({ key: e.partitionKey, value: Buffer.from(e.data), headers: cloudEventHeaders(e) })) });
    await send(events);
    await send(events);
    await producer.disconnect();

    const notifications = mongo.collection('notifications');
    const count = () => notifications.countDocuments({ tenantId });
    await eventually(count, (n) => n >= EVENTS / 4, 60_000);
    await service!.stop('SIGKILL');
    const atKill = await count();
    expect(atKill).toBeLessThan(EVENTS);

    await start();
    expect(await eventually(count, (n) => n >= EVENTS, 120_000)).toBe(EVENTS);
    // Whatever is still in flight is redelivered, not raised again.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await count()).toBe(EVENTS);
    const perEvent = await notifications.aggregate([{ $match: { tenantId } }, { $group: { _id: '$eventId', n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }]).toArray();
    expect(perEvent).toEqual([]);
    expect(await mongo.collection('deliveries').countDocuments({ tenantId })).toBe(EVENTS * 2);
  });
});
