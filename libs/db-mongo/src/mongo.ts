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

/**
 * Inserts complete documents in one round trip, skipping each whose unique key is taken (a
 * redelivered event's); answers, per document, whether it was inserted. Any other failure throws.
 * The documents are written as given: no schema defaults or casting.
 */
export async function insertAllNew<T extends object>(model: Pick<Model<never>, 'collection'>, docs: readonly T[]): Promise<boolean[]> {
  const inserted = docs.map(() => true);
  if (docs.length === 0) return inserted;
  try {
    await model.collection.insertMany(docs as never[], { ordered: false });
  } catch (e) {
    const raw = (e as { writeErrors?: unknown }).writeErrors;
    const failures = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { index: number; code: number }[];
    if (failures.length === 0 || failures.some((f) => f.code !== 11000)) throw e;
    for (const f of failures) inserted[f.index] = false;
  }
  return inserted;
}
