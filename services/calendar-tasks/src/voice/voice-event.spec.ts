import { checkVoiceSignature, parseVoiceEvent, signVoiceRequest, toE164 } from './voice-event';

const body = Buffer.from(JSON.stringify({ id: 'evt-1', type: 'call', direction: 'incoming', occurred_at: '2026-12-06T10:00:00Z', from: '+49 30 1234567', to: '+1 (555) 010-0100', duration: 42 }));
const now = new Date('2026-12-06T10:00:30Z');
const ts = String(Math.floor(now.getTime() / 1000) - 10);

describe('voice webhook signature', () => {
  it('accepts the HMAC of timestamp and body under the secret, and nothing else', () => {
    const signature = signVoiceRequest('s3cret', ts, body);
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(checkVoiceSignature('s3cret', ts, body, signature, now)).toBe('valid');
    expect(checkVoiceSignature('other', ts, body, signature, now)).toBe('invalid');
    expect(checkVoiceSignature('s3cret', ts, Buffer.concat([body, Buffer.from(' ')]), signature, now)).toBe('invalid');
    expect(checkVoiceSignature('s3cret', String(Number(ts) + 1), body, signature, now)).toBe('invalid');
    expect(checkVoiceSignature('s3cret', ts, body, '', now)).toBe('missing');
  });

  it('refuses a timestamp more than five minutes away', () => {
    const old = String(Math.floor(now.getTime() / 1000) - 301);
    expect(checkVoiceSignature('s3cret', old, body, signVoiceRequest('s3cret', old, body), now)).toBe('stale');
    expect(checkVoiceSignature('s3cret', 'yesterday', body, 'v1=00', now)).toBe('stale');
  });
});

describe('voice events', () => {
  it('normalises numbers to E.164', () => {
    expect(toE164('+49 30 1234567')).toBe('+49301234567');
    expect(toE164('0049 (30) 123-4567')).toBe('+49301234567');
    expect(toE164('030 1234567')).toBeUndefined();
    expect(toE164('+1 555')).toBeUndefined();
  });

  it('reads the other party from the direction', () => {
    const { event } = parseVoiceEvent(body);
    expect(event).toMatchObject({ id: 'evt-1', type: 'call', incoming: true, contactNumber: '+49301234567', userNumber: '+15550100100', duration: 42, missed: false });
    const out = parseVoiceEvent(Buffer.from(JSON.stringify({ id: 'e2', type: 'text_message', direction: 'outgoing', occurred_at: '2026-12-06T10:00:00+01:00', from: '+15550100100', to: '+49301234567', content: 'Hi' })));
    expect(out.event).toMatchObject({ incoming: false, contactNumber: '+49301234567', content: 'Hi', occurredAt: new Date('2026-12-06T09:00:00Z') });
  });

  it('names what is wrong', () => {
    expect(parseVoiceEvent(Buffer.from('not json')).violations[0]?.field).toBe('body');
    expect(parseVoiceEvent(Buffer.from(JSON.stringify({ id: 'e', type: 'fax', direction: 'incoming', occurred_at: '2026-12-06T10:00:00Z', from: '+49301234567', to: '+15550100100' }))).violations.map((v) => v.field)).toEqual(['type']);
    expect(parseVoiceEvent(Buffer.from(JSON.stringify({ id: 'e', type: 'call', direction: 'incoming', occurred_at: '2026-12-06T10:00:00Z', from: 'anonymous', to: '+15550100100' }))).violations.map((v) => v.field)).toEqual(['from']);
    expect(parseVoiceEvent(Buffer.from(JSON.stringify({ id: 'e', type: 'text_message', direction: 'incoming', occurred_at: '2026-12-06T10:00:00Z', from: '+49301234567', to: '+15550100100' }))).violations.map((v) => v.field)).toEqual(['content']);
  });
});
