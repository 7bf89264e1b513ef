import { createHmac, randomUUID } from 'node:crypto';
import { api } from './http';

export interface VoiceIntegration {
  key: string;
  secret: string;
}

/** Creates or rotates the account's voice integration as the admin; answers its key and secret. */
export async function rotateVoiceIntegration(as: string): Promise<VoiceIntegration> {
  const res = await api('POST', '/v2/voice_integration', { as });
  if (res.status !== 200) throw new Error(`voice integration: ${res.status} ${JSON.stringify(res.body)}`);
  return { key: res.body.data.public_key, secret: res.body.data.secret };
}

/** A random E.164 number no record of the suite has. */
export function unusedNumber(): string {
  return `+1999${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

/** A webhook request as the voice provider signs it: the HMAC-SHA256 of `<timestamp>.<body>` under the secret. */
export function signedVoiceRequest(integration: VoiceIntegration, event: Record<string, unknown>, options: { timestamp?: number; secret?: string } = {}) {
  const bytes = JSON.stringify({ id: `evt-${randomUUID()}`, occurred_at: new Date().toISOString(), ...event });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v1=${createHmac('sha256', options.secret ?? integration.secret).update(`${timestamp}.${bytes}`).digest('hex')}`;
  return { path: `/public/voice/${integration.key}/events`, raw: { bytes, type: 'application/json' }, headers: { 'X-Voice-Timestamp': timestamp, 'X-Voice-Signature': signature } };
}

/** Sends a signed voice request without a token. */
export function sendVoiceRequest(request: ReturnType<typeof signedVoiceRequest>) {
  return api('POST', request.path, { rawBody: new TextEncoder().encode(request.raw.bytes), headers: { 'content-type': request.raw.type, ...request.headers } });
}
