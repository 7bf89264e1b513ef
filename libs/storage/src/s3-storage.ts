import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertValidKey, ObjectNotFoundError, type ByteRange, type ObjectBody, type ObjectStorage } from './object-storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Unset for AWS; the URL of any S3-compatible store otherwise. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (environment, web identity, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Prefix prepended to every key, so several deployments can share a bucket. */
  prefix: string;
}

/** Objects in an S3 bucket; streams are uploaded in parts, so their size need not be known. */
export class S3Storage implements ObjectStorage {
  private readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      // Checksums only where an operation requires them: S3-compatible stores differ in their
      // support, and some answer a ranged read with the whole object's checksum.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  private keyOf(key: string): string {
    assertValidKey(key);
    return `${this.options.prefix}${key}`;
  }

  async put(key: string, body: ObjectBody, contentType: string): Promise<{ size: number }> {
    const Key = this.keyOf(key);
    let size = 0;
    const counted = Buffer.isBuffer(body)
      ? body
      : body.map((chunk: Buffer) => {
          size += chunk.length;
          return chunk;
        });
    await new Upload({ client: this.client, params: { Bucket: this.options.bucket, Key, Body: counted, ContentType: contentType } }).done();
    return { size: Buffer.isBuffer(body) ? body.length : size };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const Key = this.keyOf(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      return res.Body as Readable;
    } catch (e) {
      if (e instanceof NoSuchKey || e instanceof NotFound) throw new ObjectNotFoundError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(key) }));
  }
}
