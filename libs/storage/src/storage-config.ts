import { z } from 'zod';
import { LocalDiskStorage } from './local-disk-storage';
import type { ObjectStorage } from './object-storage';
import { S3Storage } from './s3-storage';

const blankAsUnset = (schema: z.ZodType) => z.preprocess((v) => (v === '' ? undefined : v), schema);

/**
 * The storage settings a service adds to its config schema. STORAGE_DRIVER picks the backend;
 * the S3_* settings apply to the s3 driver, STORAGE_LOCAL_DIR to the local one.
 */
export const storageConfigShape = {
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  STORAGE_LOCAL_DIR: z.string().default('.local-stack/files'),
  S3_BUCKET: z.string().default('pipewright-local'),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: blankAsUnset(z.string().url().optional()),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  S3_ACCESS_KEY_ID: blankAsUnset(z.string().optional()),
  S3_SECRET_ACCESS_KEY: blankAsUnset(z.string().optional()),
  S3_KEY_PREFIX: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or end with /').default(''),
};

export type StorageConfig = z.infer<z.ZodObject<typeof storageConfigShape>>;

export function createObjectStorage(config: StorageConfig): ObjectStorage {
  if (config.STORAGE_DRIVER === 'local') return new LocalDiskStorage(config.STORAGE_LOCAL_DIR);
  return new S3Storage({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    prefix: config.S3_KEY_PREFIX,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT as string } : {}),
    ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: config.S3_ACCESS_KEY_ID as string, secretAccessKey: config.S3_SECRET_ACCESS_KEY as string } }
      : {}),
  });
}
