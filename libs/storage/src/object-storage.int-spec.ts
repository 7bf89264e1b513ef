import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { stack } from '@crm/testing';
import { LocalDiskStorage } from './local-disk-storage';
import { assertValidKey, ObjectNotFoundError, readAll, type ObjectStorage } from './object-storage';
import { S3Storage } from './s3-storage';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const drivers: [string, () => Promise<ObjectStorage>][] = [
  [
    'local disk',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'pw-storage-'));
      dirs.push(dir);
      return new LocalDiskStorage(dir);
    },
  ],
  [
    'S3 (the local S3-compatible store)',
    async () =>
      new S3Storage({
        bucket: stack.S3_BUCKET,
        region: 'us-east-1',
        endpoint: stack.S3_ENDPOINT,
        forcePathStyle: true,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
        prefix: `it-${randomUUID()}/`,
      }),
  ],
];

describe.each(drivers)('object storage on %s', (_name, create) => {
  let storage: ObjectStorage;
  beforeAll(async () => {
    storage = await create();
  });

  it('stores a buffer and reads the same bytes back', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    expect(await storage.put('tenants/t1/documents/a', bytes, 'application/octet-stream')).toEqual({ size: 7 });
    expect(await readAll(storage, 'tenants/t1/documents/a')).toEqual(bytes);
  });

  it('stores a stream of unknown length larger than one upload part', async () => {
    // 6 MiB in 64 KiB chunks: more than the 5 MiB S3 part size, so the S3 driver uploads in parts.
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const count = 96;
    const body = Readable.from((function* () {
      for (let i = 0; i < count; i++) yield chunk;
    })());
    expect(await storage.put('exports/big.csv', body, 'text/csv')).toEqual({ size: count * chunk.length });
    const back = await readAll(storage, 'exports/big.csv');
    expect(back.length).toBe(count * chunk.length);
    expect(back.every((b) => b === 0x78)).toBe(true);
  });

  it('reads a byte range', async () => {
    await storage.put('k/range', Buffer.from('0123456789'), 'text/plain');
    expect((await readAll(storage, 'k/range', { start: 2, end: 5 })).toString()).toBe('2345');
    expect((await readAll(storage, 'k/range', { start: 8, end: 20 })).toString()).toBe('89');
  });

  it('replaces an object written again under the same key', async () => {
    await storage.put('k/replace', Buffer.from('first'), 'text/plain');
    await storage.put('k/replace', Buffer.from('second'), 'text/plain');
    expect((await readAll(storage, 'k/replace')).toString()).toBe('second');
  });

  it('answers ObjectNotFoundError for a missing key and deletes idempotently', async () => {
    await storage.put('k/gone', Buffer.from('bye'), 'text/plain');
    await storage.delete('k/gone');
    await storage.delete('k/gone');
    await expect(storage.read('k/gone')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('refuses keys that could escape their namespace', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a//b', 'a/../b', 'a/./b', 'sp ace', '']) {
      await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow('invalid object key');
    }
  });
});

describe('local disk storage', () => {
  it('leaves no partial file behind when the source stream fails', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pw-storage-'));
    dirs.push(dir);
    const storage = new LocalDiskStorage(dir);
    const failing = new Readable({
      read() {
        this.push(Buffer.from('half'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put('x/partial', failing, 'text/plain')).rejects.toThrow('client went away');
    expect(await readdir(path.join(dir, 'x'))).toEqual([]);
    await expect(storage.read('x/partial')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
});

describe(assertValidKey.name, () => {
  it('accepts nested relative keys', () => {
    expect(() => assertValidKey('tenants/11111111-1111-4111-8111-111111111111/documents/x.pdf')).not.toThrow();
  });
});
