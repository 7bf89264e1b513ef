import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Principal } from '@crm/auth';
import { connectMongo, ensureCollections } from '@crm/db-mongo';
import { buildEvent, type CloudEvent } from '@crm/events';
import { crm } from '@crm/proto';
import { stack } from '@crm/testing';
import { collectionsOf } from '../collections';
import type { NotificationsConfig } from '../config/notifications.config';
import { DeliveriesRepository } from '../delivery/deliveries.repository';
import type { DeliveryDispatcher } from '../delivery/delivery.dispatcher';
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
  let deliveries: DeliveriesRepository;
  let wakeUps = 0;
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
    deliveries = new DeliveriesRepository(connection);
    inbox = new InboxService(repository, deliveries);
    // The sender's wake-up is counted, not run: the sends themselves are the e2e tests' part.
    const dispatcher = { runSoon: () => void wakeUps++ } as unknown as DeliveryDispatcher;
    notifier = new Notifier({ notifyMaxEventAgeMs: 3_600_000 } as NotificationsConfig, repository, preferences, readModels, deliveries, dispatcher);
    await readModels.putUser({ tenantId: tenantA, userId: '1', name: 'Ann Admin', email: 'ann@a', role: 'admin', status: 'active', reportsTo: null, teamId: null, timezone: null, version: new Date(1) });
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
    // One queued send per channel, however often the event came; the sender was woken for them.
    const audit = (await inbox.get(principal(tenantA, '2'), notifications[0]!.id)).deliveries;
    expect(audit.map((d) => [d.channel, d.status, d.attempts])).toEqual([['email', 'pending', 0], ['web', 'pending', 0]]);
    expect(wakeUps).toBeGreaterThan(0);
  });

  it('leases a due send to one replica at a time, and gives it to another once the lease lapses', async () => {
    const lease = (at: Date) => new Date(at.getTime() + 60_000);
    const start = new Date();
    // The sends of the tests before are taken and settled first.
    for (let d = await deliveries.claimDue('replica-b', start, lease(start)); d; d = await deliveries.claimDue('replica-b', start, lease(start))) await deliveries.settle(d._id, 'replica-b', { status: 'sent', at: start });
    const event = taskEvent(tenantA);
    await notifier.raise(event, [intent('7')]);
    const now = new Date();
    const first = await deliveries.claimDue('replica-a', now, lease(now));
    expect(first).toMatchObject({ _id: expect.stringMatching(new RegExp(`^${event.id}:7:(email|web)$`)), leaseOwner: 'replica-a', attempts: 1 });
    // The other channel's send is free; this one is not.
    const second = await deliveries.claimDue('replica-b', now, lease(now));
    expect(second?._id).not.toBe(first!._id);
    await deliveries.settle(second!._id, 'replica-b', { status: 'sent', at: now });
    expect(await deliveries.claimDue('replica-b', now, lease(now))).toBeNull();
    const later = new Date(now.getTime() + 61_000);
    expect((await deliveries.claimDue('replica-b', later, lease(later)))?._id).toBe(first!._id);
    // The replica that lost the lease cannot settle it any more; the one holding it can.
    expect(await deliveries.settle(first!._id, 'replica-a', { status: 'sent', at: later })).toBe(false);
    expect(await deliveries.settle(first!._id, 'replica-b', { status: 'sent', at: later, detail: 'x@a' })).toBe(true);
    expect(await deliveries.claimDue('replica-c', new Date(later.getTime() + 3_600_000), new Date(later.getTime() + 7_200_000))).toBeNull();
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
    await readModels.putUser({ tenantId: tenantA, userId: '4', name: 'Gone', email: 'g@a', role: 'user', status: 'inactive', reportsTo: null, teamId: null, timezone: null, version: new Date(1) });
    expect(await notifier.raise(taskEvent(tenantA), [intent('4')])).toBe(0);
    expect(await notifier.raise(taskEvent(tenantA, new Date(Date.now() - 2 * 3_600_000)), [intent('5')])).toBe(0);
    expect(await notifier.raise(taskEvent(tenantA), [intent('5')])).toBe(1);
  });

  it('marks all read with one write, keeps what is marked unread afterwards, and counts from the marker', async () => {
    const user = principal(tenantA, '8');
    for (let i = 0; i < 3; i++) await notifier.raise(taskEvent(tenantA), [intent('8')]);
    expect(await inbox.countUnread(user)).toBe(3);
    const [newest, middle, oldest] = (await inbox.list(user, { unreadOnly: false, beforeId: '', limit: 10 })).notifications;
    await inbox.mark(user, [middle!.id], true);
    expect(await inbox.countUnread(user)).toBe(2);
    expect(await inbox.markAllRead(user)).toBe(2);
    expect(await inbox.countUnread(user)).toBe(0);
    const all = (await inbox.list(user, { unreadOnly: false, beforeId: '', limit: 10 })).notifications;
    expect(all.every((n) => n.readAt instanceof Date)).toBe(true);
    // Marked unread below the marker: unread again, and listed among the unread.
    await inbox.mark(user, [oldest!.id], false);
    expect(await inbox.countUnread(user)).toBe(1);
    expect((await inbox.list(user, { unreadOnly: true, beforeId: newest!.id, limit: 10 })).notifications.map((n) => n.id)).toEqual([oldest!.id]);
    // A notification after the marker is unread; a second mark-all covers both.
    await notifier.raise(taskEvent(tenantA), [intent('8')]);
    expect(await inbox.countUnread(user)).toBe(2);
    await inbox.markAllRead(user);
    expect(await inbox.countUnread(user)).toBe(0);
  });

  it('keeps the newest state of a user whatever order their events arrive in', async () => {
    const user = { tenantId: tenantA, userId: '6', name: 'Old name', email: 'u@a', role: 'user', status: 'active', reportsTo: null, teamId: null, timezone: null };
    await readModels.putUser({ ...user, name: 'New name', version: new Date(2000) });
    await readModels.putUser({ ...user, name: 'Old name', version: new Date(1000) });
    expect((await readModels.user(tenantA, '6'))?.name).toBe('New name');
    await readModels.putUser({ ...user, name: 'Newest', version: new Date(3000) });
    expect((await readModels.user(tenantA, '6'))?.name).toBe('Newest');
  });
});
