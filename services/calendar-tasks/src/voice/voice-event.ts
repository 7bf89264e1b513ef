import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { FieldViolation } from '@crm/errors';

/** How old a signed request may be; an older one is refused as stale (a replay outside the window of event ids kept). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The signature of a request: `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the secret. */
export function signVoiceRequest(secret: string, timestamp: string, body: Buffer): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type SignatureCheck = 'valid' | 'missing' | 'stale' | 'invalid';

/** Checks a request's signature and timestamp in constant time. */
export function checkVoiceSignature(secret: string, timestamp: string, body: Buffer, signature: string, now: Date): SignatureCheck {
  if (!signature || !timestamp) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return 'stale';
  const expected = Buffer.from(signVoiceRequest(secret, timestamp, body));
  const given = Buffer.from(signature.trim());
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
}

/**
 * A phone number in E.164 form: spaces, dots, dashes and parentheses dropped, a leading 00 read as
 * +; undefined unless it is then + and 8 to 15 digits.
 */
export function toE164(raw: string): string | undefined {
  const compact = raw.trim().replace(/[\s.\-()]/g, '').replace(/^00/, '+');
  return /^\+[1-9][0-9]{7,14}$/.test(compact) ? compact : undefined;
}

const time = z.iso.datetime({ offset: true }).transform((v) => new Date(v)).refine((d) => d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 9999, 'must be between the years 1900 and 9999');

/** The provider's event, as docs/api.md documents it. */
export const VoiceEventSchema = z.strictObject({
  id: z.string().min(1).max(255),
  type: z.enum(['call', 'text_message']),
  direction: z.enum(['incoming', 'outgoing']),
  occurred_at: time,
  from: z.string().max(64),
  to: z.string().max(64),
  user_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  duration: z.number().int().min(0).max(86_400).optional(),
  missed: z.boolean().optional(),
  recording_url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  summary: z.string().max(10_000).optional(),
  content: z.string().max(10_000).optional(),
});

export interface VoiceEvent {
  id: string;
  type: 'call' | 'text_message';
  incoming: boolean;
  occurredAt: Date;
  /** The other party's number (the caller of an incoming call, the callee of an outgoing one). */
  contactNumber: string;
  /** The account's own number on the call. */
  userNumber: string;
  userId?: string;
  duration: number;
  missed: boolean;
  recordingUrl?: string;
  summary: string;
  content: string;
}

/** Parses and checks a webhook body; violations name the attribute. */
export function parseVoiceEvent(body: Buffer): { event?: VoiceEvent; violations: FieldViolation[] } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { violations: [{ field: 'body', code: 'invalid_type', message: 'is not JSON' }] };
  }
  const parsed = VoiceEventSchema.safeParse(json);
  if (!parsed.success) return { violations: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', code: 'incorrect_value', message: i.message })) };
  const e = parsed.data;
  const incoming = e.direction === 'incoming';
  const [contactRaw, userRaw] = incoming ? [e.from, e.to] : [e.to, e.from];
  const contactNumber = toE164(contactRaw);
  const userNumber = toE164(userRaw);
  const violations: FieldViolation[] = [];
  if (!contactNumber) violations.push({ field: incoming ? 'from' : 'to', code: 'incorrect_value', message: 'is not an E.164 phone number' });
  if (!userNumber) violations.push({ field: incoming ? 'to' : 'from', code: 'incorrect_value', message: 'is not an E.164 phone number' });
  if (e.type === 'text_message' && !e.content?.trim()) violations.push({ field: 'content', code: 'blank', message: 'a text message needs its content' });
  if (violations.length > 0) return { violations };
  return {
    violations,
    event: {
      id: e.id, type: e.type, incoming, occurredAt: e.occurred_at, contactNumber: contactNumber!, userNumber: userNumber!,
      ...(e.user_id !== undefined ? { userId: String(e.user_id) } : {}),
      duration: e.duration ?? 0, missed: e.missed ?? false, ...(e.recording_url ? { recordingUrl: e.recording_url } : {}),
      summary: (e.summary ?? '').trim(), content: (e.content ?? '').trim(),
    },
  };
}
