import mongoose, { type Connection } from 'mongoose';

export interface MongoOptions {
  url: string;
  dbName: string;
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
  });
  await connection.asPromise();
  return connection;
}
