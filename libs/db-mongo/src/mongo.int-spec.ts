import { randomUUID } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import { stack } from '@crm/testing';
import { connectMongo, insertAllNew } from './mongo';

describe(connectMongo.name, () => {
  let connection: Connection;
  const dbName = `it_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    connection = await connectMongo({ url: `mongodb://127.0.0.1:${stack.FERRETDB_PORT}/?retryWrites=false`, dbName });
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('writes and reads documents and enforces a unique index through the MongoDB wire protocol', async () => {
    const Note = connection.model('Note', new Schema({ tenantId: { type: String, required: true }, key: String, body: String }));
    await Note.createCollection();
    await Note.collection.createIndex({ tenantId: 1, key: 1 }, { unique: true });
    await Note.create({ tenantId: 't1', key: 'a', body: 'hello' });
    await Note.create({ tenantId: 't2', key: 'a', body: 'other tenant' });
    await expect(Note.create({ tenantId: 't1', key: 'a', body: 'duplicate' })).rejects.toMatchObject({ code: 11000 });
    const found = await Note.find({ tenantId: 't1' }).lean();
    expect(found.map((n) => n.body)).toEqual(['hello']);
    expect(await Note.countDocuments({ key: 'a' })).toBe(2);
  });

  it('inserts many documents in one write, telling which were new and skipping those whose key is taken', async () => {
    const Item = connection.model('Item', new Schema({ _id: String, tenantId: String }, { versionKey: false }));
    await Item.createCollection();
    expect(await insertAllNew(Item, [{ _id: 'a', tenantId: 't' }, { _id: 'b', tenantId: 't' }])).toEqual([true, true]);
    expect(await insertAllNew(Item, [{ _id: 'b', tenantId: 't' }, { _id: 'c', tenantId: 't' }, { _id: 'a', tenantId: 't' }])).toEqual([false, true, false]);
    expect((await Item.find({}).sort({ _id: 1 }).lean()).map((i) => i._id)).toEqual(['a', 'b', 'c']);
    expect(await insertAllNew(Item, [])).toEqual([]);
  });
});
