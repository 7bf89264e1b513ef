import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Principal } from '@crm/auth';
import { connectMongo, ensureCollections } from '@crm/db-mongo';
import { buildEvent, type CloudEvent } from '@crm/events';
import { crm } from '@crm/proto';
import { stack } from '@crm/testing';
import { collectionsOf } from '../collections';
import type { NotificationsConfig } from '../config/notifications.config';
import { InboxRepository } from '../inbox/inbox.repository';
import { InboxService } from '../inbox/inbox.service';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { PreferencesService } from '../preferences/preferences.service';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { Notifier } from './notifier';
import type { NotificationIntent } from './preset-rules';

describe(Notifier.name, () => {
  let connection: Connection;
  let notifier: Notifier;
  let inbox: InboxService;
  let preferences: PreferencesService;
  let readModels: ReadModelsRepository;
  const dbName = `it_notifications_${randomUUID().slice(0, 8)}`;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const principal = (tenantId: string, userId: string, role: Principal['role'] = 'user'): Principal => ({ tenantId, userId, role, visibleOwnerIds: [userId] });
  const taskEvent = (tenantId: string, time?: Date): CloudEvent =>
    buildEvent({ kind: 'taskAssigned', tenantId, aggregateId: '7', subject: 's', payload: { task: crm.calendar.v1.Task.fromPartial({ id: '7', ownerId: '2', content: 'Call' }), previousOwnerId: '1' }, actorId: '1', ...(time ? { time } : {}) });
  const intent = (userId: string, type: NotificationIntent['type'] = 'task_assigned'): NotificationIntent => ({ userId, type, resource: { type: 'task', id: '7' }, params: { subject: 'Call' } });

  beforeAll(async () => {
    connection = await connectMongo({ url: `mongodb://127.0.0.1:${stack.FERRETDB_PORT}/?retryWrites=false`, dbName });
    await ensureCollections(collectionsOf(connection));
    readModels = new ReadModelsRepository(connection);
    preferences = new PreferencesService(new PreferencesRepository(connection));
    const repository = new InboxRepository(connection);
    inbox = new InboxService(repository);
    notifier = new Notifier({ notifyMaxEventAgeMs: 3_600_000 } as NotificationsConfig, repository, preferences, readModels);
    await readModels.putUser({ tenantId: tenantA, userId: '1', name: 'Ann Admin', email: 'ann@a', role: 'admin', status: 'active', reportsTo: null, teamId: null, version: new Date(1) });
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('stores one notification per event and user, however often the event comes and however many rules match', async () => {
    const event = taskEvent(tenantA);
    expect(await notifier.raise(event, [intent('2'), intent('2', 'task_reminder')])).toBe(1);
    expect(await notifier.raise(event, [intent('2')])).toBe(0);
    const { notifications } = await inbox.list(principal(tenantA, '2'), { unreadOnly: false, beforeId: '', limit: 10 });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ type: 'task_assigned', title: 'Task assigned to you by Ann Admin', actorId: '1', eventId: event.id, channels: ['web', 'email'] });
  });

  it('keeps each tenant\'s notifications to itself, whatever the user id', async () => {
    const event = taskEvent(tenantB);
    await notifier.raise(event, [intent('2')]);
    const a = await inbox.list(principal(tenantA, '2'), { unreadOnly: false, beforeId: '', limit: 10 });
    const b = await inbox.list(principal(tenantB, '2'), { unreadOnly: false, beforeId: '', limit: 10 });
    expect(b.notifications.map((n) => n.eventId)).toEqual([event.id]);
    expect(a.notifications.map((n) => n.eventId)).not.toContain(event.id);
    await expect(inbox.get(principal(tenantA, '2'), b.notifications[0]!.id)).rejects.toMatchObject({ code: 'NOTIFICATION_NOT_FOUND' });
    await expect(inbox.mark(principal(tenantA, '2'), [b.notifications[0]!.id], true)).rejects.toMatchObject({ code: 'NOTIFICATION_NOT_FOUND' });
  });

  it('tells nobody who turned the type off, is inactive, or of an event older than the horizon', async () => {
    await preferences.update(principal(tenantA, '3'), 'user', { preferences: [{ type: 'task_assigned', channels: [] }], resetTypes: [] });
    expect(await notifier.raise(taskEvent(tenantA), [intent('3')])).toBe(0);
    await readModels.putUser({ tenantId: tenantA, userId: '4', name: 'Gone', email: 'g@a', role: 'user', status: 'inactive', reportsTo: null, teamId: null, version: new Date(1) });
    expect(await notifier.raise(taskEvent(tenantA), [intent('4')])).toBe(0);
    expect(await notifier.raise(taskEvent(tenantA, new Date(Date.now() - 2 * 3_600_000)), [intent('5')])).toBe(0);
    expect(await notifier.raise(taskEvent(tenantA), [intent('5')])).toBe(1);
  });

  it('keeps the newest state of a user whatever order their events arrive in', async () => {
    const user = { tenantId: tenantA, userId: '6', name: 'Old name', email: 'u@a', role: 'user', status: 'active', reportsTo: null, teamId: null };
    await readModels.putUser({ ...user, name: 'New name', version: new Date(2000) });
    await readModels.putUser({ ...user, name: 'Old name', version: new Date(1000) });
    expect((await readModels.user(tenantA, '6'))?.name).toBe('New name');
    await readModels.putUser({ ...user, name: 'Newest', version: new Date(3000) });
    expect((await readModels.user(tenantA, '6'))?.name).toBe('Newest');
  });
});
