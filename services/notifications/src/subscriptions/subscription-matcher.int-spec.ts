import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Principal } from '@crm/auth';
import { connectMongo, ensureCollections } from '@crm/db-mongo';
import { buildEvent, type CloudEvent } from '@crm/events';
import { crm } from '@crm/proto';
import { stack } from '@crm/testing';
import { dealFields } from '@crm/conditions';
import { collectionsOf } from '../collections';
import type { NotificationsConfig } from '../config/notifications.config';
import { DeliveriesRepository } from '../delivery/deliveries.repository';
import type { DeliveryDispatcher } from '../delivery/delivery.dispatcher';
import { InboxRepository } from '../inbox/inbox.repository';
import { InboxService } from '../inbox/inbox.service';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { PreferencesService } from '../preferences/preferences.service';
import { Notifier } from '../presets/notifier';
import { fieldsOf } from '../read-models/read-model.models';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { FieldCatalogue } from './field-catalogue';
import { SubscriptionMatcher } from './subscription-matcher';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsService } from './subscriptions.service';

describe(SubscriptionMatcher.name, () => {
  let connection: Connection;
  let matcher: SubscriptionMatcher;
  let subscriptions: SubscriptionsService;
  let inbox: InboxService;
  let readModels: ReadModelsRepository;
  const dbName = `it_subscriptions_${randomUUID().slice(0, 8)}`;
  const tenantId = randomUUID();
  const as = (userId: string, role: Principal['role']): Principal => ({ tenantId, userId, role, visibleOwnerIds: role === 'admin' ? 'all' : [userId] });
  const manager = as('2', 'manager');
  const input = (p: Partial<crm.notifications.v1.SubscriptionInput>) => crm.notifications.v1.SubscriptionInput.fromPartial({ name: 'S', resourceType: 'deal', ...p });
  const dealEvent = (deal: crm.deals.v1.Deal, actorId: string): CloudEvent => buildEvent({ kind: 'dealCreated', tenantId, aggregateId: deal.id, subject: 's', payload: { deal }, actorId });
  const customOf = async (userId: string) => (await inbox.list(as(userId, 'user'), { unreadOnly: false, beforeId: '', limit: 100 })).notifications.filter((n) => n.type === 'custom');

  beforeAll(async () => {
    connection = await connectMongo({ url: `mongodb://127.0.0.1:${stack.FERRETDB_PORT}/?retryWrites=false`, dbName });
    await ensureCollections(collectionsOf(connection));
    readModels = new ReadModelsRepository(connection);
    const preferences = new PreferencesService(new PreferencesRepository(connection));
    const inboxRepository = new InboxRepository(connection);
    const deliveries = new DeliveriesRepository(connection);
    inbox = new InboxService(inboxRepository, deliveries);
    const notifier = new Notifier({ notifyMaxEventAgeMs: 3_600_000 } as NotificationsConfig, inboxRepository, preferences, readModels, deliveries, { runSoon: () => undefined } as unknown as DeliveryDispatcher);
    const repository = new SubscriptionsRepository(connection);
    const catalogue = new FieldCatalogue(readModels);
    subscriptions = new SubscriptionsService(repository, readModels, catalogue);
    matcher = new SubscriptionMatcher(repository, readModels, catalogue, notifier);
    const user = (userId: string, role: string, reportsTo: string | null, teamId: string | null = null) =>
      readModels.putUser({ tenantId, userId, name: `User ${userId}`, email: `${userId}@x`, role, status: 'active', reportsTo, teamId, timezone: null, version: new Date(1) });
    await user('1', 'admin', null);
    await user('2', 'manager', null);
    await user('3', 'user', '2', '7');
    await user('4', 'user', '2', '7');
    await user('5', 'user', null, '7');
    await readModels.putTeam({ tenantId, teamId: '7', name: 'East', deleted: false, version: new Date(1) });
    await readModels.putCustomField({ tenantId, resourceType: 'deal', fieldId: '1', name: 'Budget', type: 'number', deleted: false, version: new Date(1) });
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('tells the maker of a matching subscription, once per event, and nobody of a record out of their sight or their own change', async () => {
    const filter = { all: [{ field: 'owner_id', op: 'in', value: [3, 5] }, { field: 'custom_fields.Budget', op: 'gte', value: 1000 }] };
    await subscriptions.create(manager, input({ filter, triggers: [{ type: 'record_created', fields: [] }] }), ['name', 'resource_type', 'filter', 'triggers']);
    await subscriptions.create(manager, input({ triggers: [{ type: 'record_created', fields: [] }] }), ['name', 'resource_type', 'triggers']);
    const deal = (id: string, ownerId: string, budget: number) => crm.deals.v1.Deal.fromPartial({ id, ownerId, name: `Deal ${id}`, customFields: { Budget: budget } });
    const change = (d: crm.deals.v1.Deal) => ({ resource: 'deal' as const, recordId: d.id, name: d.name, ownerId: d.ownerId, fields: dealFields(d), triggers: [{ type: 'record_created' as const }] });

    const big = deal('10', '3', 5000);
    const event = dealEvent(big, '3');
    expect(await matcher.match(event, change(big))).toBe(1);
    expect(await matcher.match(event, change(big))).toBe(0);
    expect((await customOf('2')).map((n) => [n.resourceId, n.title])).toEqual([['10', 'Deal 10: created by User 3']]);

    // User 5 is no report of the manager: the unfiltered subscription matches, visibility does not.
    expect(await matcher.match(dealEvent(deal('11', '5', 5000), '1'), change(deal('11', '5', 5000)))).toBe(0);
    // The manager's own change tells the manager nothing.
    expect(await matcher.match(dealEvent(deal('12', '3', 5000), '2'), change(deal('12', '3', 5000)))).toBe(0);
  });

  it('keeps a record\'s fields whatever their names, for triggers on its tasks and notes', async () => {
    const fields = { owner_id: '3', 'custom_fields.Budget v1.2': 5, 'custom_fields.$cost': 'x' };
    await readModels.putRecord({ tenantId, type: 'deal', recordId: '30', ownerId: '3', name: 'D', version: new Date(2), deleted: false, fields });
    expect(fieldsOf((await readModels.record(tenantId, 'deal', '30'))!)).toEqual(fields);
  });

  it('keeps a note\'s trigger until its record is known, then tells its subscribers once', async () => {
    await subscriptions.create(manager, input({ triggers: [{ type: 'note_added', fields: [] }] }), ['name', 'resource_type', 'triggers']);
    const noteEvent = buildEvent({ kind: 'dealsNoteCreated', tenantId, aggregateId: '5', subject: 's', payload: crm.common.v1.NoteCreated.fromPartial({ note: { id: '5', resourceType: 'deal', resourceId: '40' } }), actorId: '1' });
    await matcher.onItemAdded(noteEvent, 'deal', '40', 'note_added');
    await matcher.onItemAdded(noteEvent, 'deal', '40', 'note_added');
    expect((await customOf('2')).filter((n) => n.resourceId === '40')).toEqual([]);
    await readModels.putRecord({ tenantId, type: 'deal', recordId: '40', ownerId: '3', name: 'Late deal', version: new Date(3), deleted: false, fields: { owner_id: '3' } });
    await matcher.resumeDeferred(tenantId, 'deal', '40');
    await matcher.resumeDeferred(tenantId, 'deal', '40');
    expect((await customOf('2')).filter((n) => n.resourceId === '40').map((n) => [n.title, n.eventId])).toEqual([['Late deal: note added by User 1', noteEvent.id]]);
  });

  it('tells a team\'s members who may see the record', async () => {
    await subscriptions.create(manager, input({ resourceType: 'lead', triggers: [{ type: 'status_changed', fields: [] }], teamId: '7' }), ['name', 'resource_type', 'triggers', 'team_id']);
    const lead = crm.leads.v1.Lead.fromPartial({ id: '20', ownerId: '3', lastName: 'Lee', status: 'working' });
    const event = buildEvent({ kind: 'leadUpdated', tenantId, aggregateId: '20', subject: 's', payload: { lead, changedFields: ['status'] }, actorId: '1' });
    expect(await matcher.match(event, { resource: 'lead', recordId: '20', name: 'Lee', ownerId: '3', fields: { status: 'working', owner_id: '3' }, triggers: [{ type: 'status_changed' }] })).toBe(1);
    expect((await customOf('3')).map((n) => n.resourceId)).toEqual(['20']);
    expect(await customOf('4')).toEqual([]);
    expect(await customOf('5')).toEqual([]);
  });
});
