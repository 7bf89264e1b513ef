import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an RSVP link answers for: one attendee of one appointment of one tenant. */
export interface RsvpClaim {
  tenantId: string;
  appointmentId: string;
  email: string;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const mac = (key: string, body: string) => createHmac('sha256', key).update(body).digest();

/** A URL-safe token `<claim>.<HMAC-SHA256>` that only the holder of `key` can make. */
export function signRsvp(claim: RsvpClaim, key: string): string {
  const body = b64(JSON.stringify({ t: claim.tenantId, a: claim.appointmentId, e: claim.email }));
  return `${body}.${b64(mac(key, body))}`;
}

/** The claim of a token signed with `key`, or null for anything else (malformed, forged, altered). */
export function verifyRsvp(token: string, key: string): RsvpClaim | null {
  if (token.length > 2_000) return null;
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const expected = mac(key, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { t?: unknown; a?: unknown; e?: unknown };
    if (typeof parsed.t !== 'string' || typeof parsed.a !== 'string' || typeof parsed.e !== 'string') return null;
    return { tenantId: parsed.t, appointmentId: parsed.a, email: parsed.e };
  } catch {
    return null;
  }
}
