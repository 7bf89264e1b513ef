import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_TOKEN_LENGTH = 2_000;
const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * Tokens for links that act without an account (an invitation's answer, a mail's unsubscribe):
 * `<claim>.<HMAC-SHA256>`, URL-safe, where the claim is a flat object of strings that only the
 * holder of the key can make. The token is the credential, so its claim names exactly what it
 * may do; rotating the key voids every link already sent.
 */
export class LinkSigner {
  constructor(private readonly key: string) {}

  sign(claim: Readonly<Record<string, string>>): string {
    const body = b64(JSON.stringify(claim));
    return `${body}.${b64(this.mac(body))}`;
  }

  /** The claim of a token this key signed, holding every field named; null for anything else (malformed, forged, altered). */
  verify<K extends string>(token: string, fields: readonly K[]): Record<K, string> | null {
    if (token.length > MAX_TOKEN_LENGTH) return null;
    const [body, signature, ...rest] = token.split('.');
    if (!body || !signature || rest.length > 0) return null;
    const expected = this.mac(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (typeof parsed !== 'object' || parsed === null) return null;
      const claim = {} as Record<K, string>;
      for (const f of fields) {
        const value = parsed[f];
        if (typeof value !== 'string') return null;
        claim[f] = value;
      }
      return claim;
    } catch {
      return null;
    }
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}
