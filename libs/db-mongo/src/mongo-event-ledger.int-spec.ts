import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { buildEvent } from '@crm/events';
import { crm } from '@crm/proto';
import { stack } from '@crm/testing';
import { connectMongo, ensureCollections } from './mongo';
import { MongoEventLedger, processedEventModel } from './mongo-event-ledger';

describe(MongoEventLedger.name, () => {
  let connection: Connection;
  const dbName = `it_${randomUUID().slice(0, 8)}`;
  const event = () => buildEvent({ kind: 'leadCreated', tenantId: randomUUID(), aggregateId: '1', subject: 's', payload: { lead: crm.leads.v1.Lead.fromPartial({ id: '1' }) } });

  beforeAll(async () => {
    connection = await connectMongo({ url: `mongodb://127.0.0.1:${stack.FERRETDB_PORT}/?retryWrites=false`, dbName });
    await ensureCollections([processedEventModel(connection)] as never);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('applies an event once per group, and again for another group', async () => {
    const ledger = new MongoEventLedger(connection);
    const e = event();
    let runs = 0;
    const apply = async () => void runs++;
    expect(await ledger.applyOnce('g1', e, apply)).toBe(true);
    expect(await ledger.applyOnce('g1', e, apply)).toBe(false);
    expect(await ledger.applyOnce('g2', e, apply)).toBe(true);
    expect(runs).toBe(2);
  });

  it('records nothing when the handler fails, so the event is applied on the next delivery', async () => {
    const ledger = new MongoEventLedger(connection);
    const e = event();
    await expect(ledger.applyOnce('g1', e, async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    let applied = false;
    expect(await ledger.applyOnce('g1', e, async () => void (applied = true))).toBe(true);
    expect(applied).toBe(true);
  });

  it('prunes records older than a time', async () => {
    const ledger = new MongoEventLedger(connection);
    await ledger.applyOnce('g3', event(), async () => undefined);
    const before = await processedEventModel(connection).countDocuments({});
    expect(await ledger.prune(new Date(Date.now() + 1000))).toBe(before);
    expect(await processedEventModel(connection).countDocuments({})).toBe(0);
  });
});
