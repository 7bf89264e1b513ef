import mongoose, { type Connection, type Model } from 'mongoose';

export interface MongoOptions {
  url: string;
  dbName: string;
  maxPoolSize?: number;
}

/**
 * Opens a mongoose connection that stays within what both MongoDB and FerretDB (used in
 * development and CI) support: no retryable writes, no sessions or transactions, no TTL or
 * text indexes, and indexes created explicitly rather than by autoIndex at start-up.
 */
export async function connectMongo(options: MongoOptions): Promise<Connection> {
  const connection = mongoose.createConnection(options.url, {
    dbName: options.dbName,
    retryWrites: false,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 5000,
    ...(options.maxPoolSize ? { maxPoolSize: options.maxPoolSize } : {}),
  });
  await connection.asPromise();
  return connection;
}

/**
 * The schema step of a MongoDB-backed service (`main.js migrate`): creates each model's
 * collection and the indexes its schema declares. Creating what exists is a no-op, so it runs on
 * every deploy; an index whose options changed is refused by the server and must be renamed.
 */
export async function ensureCollections(models: readonly Model<never>[]): Promise<{ collections: string[] }> {
  const existing = new Set((await models[0]?.db.listCollections())?.map((c) => c.name) ?? []);
  for (const model of models) {
    if (!existing.has(model.collection.collectionName)) await model.createCollection();
    await model.createIndexes();
  }
  return { collections: models.map((m) => m.collection.collectionName) };
}

/** Whether a write failed on a unique index (the duplicate of something already stored). */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
