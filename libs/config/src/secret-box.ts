import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** A 256-bit key given in configuration as base64 (e.g. `openssl rand -base64 32`); kept as text (parsed configuration is frozen). */
export const encryptionKey = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)');

/**
 * Secrets a service keeps for its users (passwords of their calendar and mail servers), encrypted
 * at rest with AES-256-GCM under a key from configuration: a random 12-byte nonce, the ciphertext
 * and the 16-byte tag, as one buffer. `context` (e.g. the owning row's tenant and id) is bound to
 * the ciphertext, so a value copied to another row does not decrypt.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** `key`: 32 bytes, or their base64 as configuration gives them. */
  constructor(key: Buffer | string) {
    this.key = typeof key === 'string' ? Buffer.from(key, 'base64') : key;
    if (this.key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  seal(plaintext: string, context: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  /** The plaintext; throws when the value was altered, sealed under another key or for another context. */
  open(sealed: Buffer, context: string): string {
    if (sealed.length < 28) throw new Error('sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]).toString('utf8');
  }
}
