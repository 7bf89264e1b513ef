import { randomBytes } from 'node:crypto';
import { encryptionKey, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, for the same context only', () => {
    const sealed = box.seal('app password ✓', 'tenant-a/calendar-1');
    expect(sealed.toString('utf8')).not.toContain('app password');
    expect(box.open(sealed, 'tenant-a/calendar-1')).toBe('app password ✓');
    expect(() => box.open(sealed, 'tenant-a/calendar-2')).toThrow();
    expect(box.seal('same', 'x').equals(box.seal('same', 'x'))).toBe(false);
  });

  it('refuses an altered value and another key', () => {
    const sealed = box.seal('secret', 'c');
    const altered = Buffer.from(sealed);
    altered[14] = altered[14]! ^ 1;
    expect(() => box.open(altered, 'c')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'c')).toThrow();
  });

  it('takes its key from configuration as 32 bytes of base64', () => {
    expect(encryptionKey.safeParse(randomBytes(32).toString('base64')).success).toBe(true);
    expect(encryptionKey.safeParse(randomBytes(16).toString('base64')).success).toBe(false);
  });
});
