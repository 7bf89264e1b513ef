import type { Readable } from 'node:stream';

/** Bytes to store: a buffer, or a stream of unknown length (uploaded in parts where the backend needs it). */
export type ObjectBody = Buffer | Readable;

/**
 * A flat key/value store of immutable objects. Keys are relative paths such as
 * `tenants/<tenant>/documents/<uuid>`; writing a key again replaces its object.
 */
export interface ObjectStorage {
  /** Stores the body under key and answers the number of bytes stored. */
  put(key: string, body: ObjectBody, contentType: string): Promise<{ size: number }>;
  /**
   * Streams the object, or the bytes `start` to `end` (inclusive) of it; rejects with
   * ObjectNotFoundError when the key holds nothing.
   */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export interface ByteRange {
  start: number;
  end: number;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no object stored under ${key}`);
  }
}

// Letters, digits and `._-` in segments separated by single slashes: no `..`, no absolute paths,
// the same key meaning the same file on disk and in a bucket.
const KEY = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

export function assertValidKey(key: string): void {
  if (key.length > 512 || !KEY.test(key)) throw new Error(`invalid object key ${JSON.stringify(key)}`);
}

export async function readAll(storage: ObjectStorage, key: string, range?: ByteRange): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.read(key, range)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
