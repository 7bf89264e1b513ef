import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, ensureCollections } from '@crm/db-mongo';
import { buildEvent } from '@crm/events';
import { crm } from '@crm/proto';
import { stack } from '@crm/testing';
import { collectionsOf } from '../collections';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { ActivitiesRepository } from './activities.repository';
import { ActivityRecorder } from './activity-recorder';
import { noteAdded } from './activity-rules';

describe(ActivityRecorder.name, () => {
  let connection: Connection;
  let recorder: ActivityRecorder;
  let readModels: ReadModelsRepository;
  let activities: ActivitiesRepository;
  const tenantId = randomUUID();
  const otherTenant = randomUUID();
  const dbName = `it_activities_${randomUUID().slice(0, 8)}`;
  const note = (noteId: string) => crm.common.v1.NoteCreated.fromPartial({ note: { id: noteId, resourceType: 'lead', resourceId: '9', content: 'Hello' }, recordOwnerId: '3' });
  const noteEvent = (tenant: string, noteId: string) => buildEvent({ kind: 'leadsNoteCreated', tenantId: tenant, aggregateId: noteId, subject: 's', payload: note(noteId), actorId: '3' });
  const page = (tenant: string) => activities.page(tenant, { ownerIds: 'all', kinds: [], actorIds: [], record: { type: 'lead', id: '9' }, limit: 10 });

  beforeAll(async () => {
    connection = await connectMongo({ url: `mongodb://127.0.0.1:${stack.FERRETDB_PORT}/?retryWrites=false`, dbName });
    await ensureCollections(collectionsOf(connection));
    readModels = new ReadModelsRepository(connection);
    activities = new ActivitiesRepository(connection);
    recorder = new ActivityRecorder(activities, readModels);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('writes one activity per event, names a record that came later, and follows its owner', async () => {
    const event = noteEvent(tenantId, '1');
    await recorder.record(event, noteAdded(note('1')));
    await recorder.record(event, noteAdded(note('1')));
    expect((await page(tenantId)).map((a) => [a._id, a.recordName, a.ownerId])).toEqual([[event.id, '', '3']]);

    // The lead's own event comes after its note's (another topic): the activity gets its name and owner.
    await readModels.putRecord({ tenantId, type: 'lead', recordId: '9', ownerId: '4', name: 'Ann Lee', version: new Date(1), deleted: false, fields: {} });
    await recorder.recordKnown(tenantId, 'lead', '9');
    expect((await page(tenantId)).map((a) => [a.recordName, a.ownerId])).toEqual([['Ann Lee', '4']]);

    // Reassigned: its activities follow; another tenant's lead 9 is untouched.
    const foreign = noteEvent(otherTenant, '2');
    await recorder.record(foreign, noteAdded(note('2')));
    await readModels.putRecord({ tenantId, type: 'lead', recordId: '9', ownerId: '5', name: 'Ann Lee', version: new Date(2), deleted: false, fields: {} });
    await recorder.followOwner(tenantId, 'lead', '9');
    expect((await page(tenantId)).map((a) => a.ownerId)).toEqual(['5']);
    expect((await page(otherTenant)).map((a) => a.ownerId)).toEqual(['3']);
  });
});
