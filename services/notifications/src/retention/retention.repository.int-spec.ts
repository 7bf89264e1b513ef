import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { connectMongo, ensureCollections, processedEventModel } from '@crm/db-mongo';
import { stack } from '@crm/testing';
import { activityModel } from '../activities/activity.model';
import { collectionsOf } from '../collections';
import { notificationModel } from '../inbox/notification.model';
import { RetentionRepository } from './retention.repository';

describe(RetentionRepository.name, () => {
  let connection: Connection;
  let retention: RetentionRepository;
  const dbName = `it_retention_${randomUUID().slice(0, 8)}`;
  const tenantId = randomUUID();
  const DAY = 86_400_000;
  const idAt = (ms: number) => uuidv7({ msecs: ms });

  beforeAll(async () => {
    connection = await connectMongo({ url: `mongodb://127.0.0.1:${stack.FERRETDB_PORT}/?retryWrites=false`, dbName });
    await ensureCollections(collectionsOf(connection));
    retention = new RetentionRepository(connection);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('deletes notifications, activities and processed events past their time, and nothing newer', async () => {
    const now = Date.now();
    const notification = (ms: number) => ({
      _id: idAt(ms), tenantId, userId: '1', type: 'task_assigned', title: 't', body: '', params: { subject: 's' }, resourceType: null, resourceId: null, actorId: null,
      eventId: randomUUID(), dedupeKey: randomUUID(), channels: ['web'], web: true, createdAt: new Date(ms), read: false, readAt: null, keptUnread: false,
    });
    const activity = (ms: number) => ({ _id: idAt(ms), tenantId, kind: 'lead_added', actorId: null, recordType: 'lead', recordId: '1', recordName: 'L', itemType: null, itemId: null, ownerId: '1', summary: '', details: {}, occurredAt: new Date(ms) });
    await notificationModel(connection).insertMany([notification(now - 200 * DAY), notification(now - DAY)]);
    await activityModel(connection).insertMany([activity(now - 400 * DAY), activity(now - DAY)]);
    await processedEventModel(connection).insertMany([{ _id: randomUUID(), tenantId, processedAt: new Date(now - 40 * DAY) }, { _id: randomUUID(), tenantId, processedAt: new Date(now) }]);

    expect(await retention.dropNotifications(new Date(now - 180 * DAY))).toBe(1);
    expect(await retention.dropActivities(new Date(now - 365 * DAY))).toBe(1);
    expect(await retention.dropProcessedEvents(new Date(now - 30 * DAY))).toBe(1);
    expect(await notificationModel(connection).countDocuments({ tenantId })).toBe(1);
    expect(await activityModel(connection).countDocuments({ tenantId })).toBe(1);
    expect(await processedEventModel(connection).countDocuments({ tenantId })).toBe(1);
    // A second pass finds nothing more.
    expect(await retention.dropNotifications(new Date(now - 180 * DAY))).toBe(0);
  });
});
