import { TOPICS } from '@crm/events';
import { KafkaProbe } from '@crm/testing';
import { api, expectError, USERS } from '../support/http';
import { rotateVoiceIntegration, sendVoiceRequest, signedVoiceRequest, unusedNumber, type VoiceIntegration } from '../support/voice';

const U1 = USERS.acmeUser1.username;
const ADMIN = USERS.acmeAdmin.username;
const OFFICE = '+15550100100';

describe('the voice provider webhook', () => {
  const probe = new KafkaProbe([TOPICS.calendarCall, TOPICS.calendarTextMessage]);
  let integration: VoiceIntegration;
  beforeAll(async () => {
    await probe.start();
    integration = await rotateVoiceIntegration(ADMIN);
  });
  afterAll(() => probe.stop());

  it('is set up by admins only, and shows its secret once', async () => {
    expectError(await api('POST', '/v2/voice_integration', { as: U1 }), 403, 'forbidden');
    expectError(await api('GET', '/v2/voice_integration', { as: U1 }), 403, 'forbidden');
    const shown = await api('GET', '/v2/voice_integration', { as: ADMIN });
    expect(shown.body.data).toEqual({ public_key: integration.key, webhook_path: `/public/voice/${integration.key}/events`, created_by: USERS.acmeAdmin.id, created_at: expect.any(String), rotated_at: expect.any(String) });
  });

  it('logs an incoming call against the contact whose number it is, for the contact\'s owner, with call.logged', async () => {
    const national = `030 ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const contact = (await api('POST', '/v2/contacts', { as: U1, body: { data: { last_name: 'Caller', phone: national } } })).body.data;
    const e164 = `+49${national.replace(/\D/g, '').slice(1)}`;
    const request = signedVoiceRequest(integration, { type: 'call', direction: 'incoming', from: e164.replace(/^\+49/, '+49 '), to: OFFICE, duration: 61, recording_url: 'https://voice.example/r/9' });
    const logged = await sendVoiceRequest(request);
    expect(logged.status).toBe(200);
    expect(logged.body.data).toEqual({ kind: 'call', id: expect.any(Number), resource_type: 'contact', resource_id: contact.id });
    const call = (await api('GET', `/v2/calls/${logged.body.data.id}`, { as: U1 })).body.data;
    expect(call).toMatchObject({ user_id: USERS.acmeUser1.id, incoming: true, missed: false, duration: 61, phone_number: e164, resource_type: 'contact', resource_id: contact.id, recording_url: 'https://voice.example/r/9', external_id: JSON.parse(request.raw.bytes).id });
    await probe.waitFor((r) => r.key === String(call.id) && r.headers.ce_type === 'com.pipewright.crm.calendar.call.logged.v1');

    // The same request again is a replay: refused, nothing written.
    expectError(await sendVoiceRequest(request), 409, 'conflict');
    expect((await api('GET', `/v2/calls?resource_type=contact&resource_id=${contact.id}`, { as: U1 })).body.items).toHaveLength(1);
  });

  it('logs an outgoing text to a lead\'s mobile, and one to an unknown number for the user it names', async () => {
    const mobile = `+4915${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const lead = (await api('POST', '/v2/leads', { as: U1, body: { data: { last_name: 'Texted', mobile } } })).body.data;
    const toLead = await sendVoiceRequest(signedVoiceRequest(integration, { type: 'text_message', direction: 'outgoing', from: OFFICE, to: mobile, content: 'See you at 3' }));
    expect(toLead.body.data).toMatchObject({ kind: 'text_message', resource_type: 'lead', resource_id: lead.id });
    const listed = await api('GET', `/v2/text_messages?resource_type=lead&resource_id=${lead.id}`, { as: U1 });
    expect(listed.body.items.map((i: { data: unknown }) => i.data)).toEqual([{
      id: toLead.body.data.id, user_id: USERS.acmeUser1.id, content: 'See you at 3', incoming: false, resource_type: 'lead', resource_id: lead.id,
      resource_phone_number: mobile, user_phone_number: OFFICE, associated_deal_ids: [], sent_at: expect.any(String), created_at: expect.any(String), updated_at: expect.any(String),
    }]);
    expect((await api('GET', `/v2/text_messages/${toLead.body.data.id}`, { as: USERS.acmeUser2.username })).status).toBe(404);
    await probe.waitFor((r) => r.key === String(toLead.body.data.id) && r.headers.ce_type === 'com.pipewright.crm.calendar.text-message.logged.v1');

    const unknown = await sendVoiceRequest(signedVoiceRequest(integration, { type: 'text_message', direction: 'incoming', from: unusedNumber(), to: OFFICE, content: 'Who is this?', user_id: USERS.acmeUser2.id }));
    expect(unknown.body.data).toMatchObject({ kind: 'text_message', resource_type: null, resource_id: null });
    expect((await api('GET', `/v2/text_messages/${unknown.body.data.id}`, { as: USERS.acmeUser2.username })).body.data.user_id).toBe(USERS.acmeUser2.id);
  });

  it('refuses unsigned, stale, forged, unknown and invalid requests, writing nothing', async () => {
    const before = (await api('GET', '/v2/calls?per_page=100&sort_by=id:desc', { as: ADMIN })).body.items.length;
    const event = { type: 'call', direction: 'incoming', from: unusedNumber(), to: OFFICE, user_id: USERS.acmeUser1.id };
    const unsigned = signedVoiceRequest(integration, event);
    expectError(await sendVoiceRequest({ ...unsigned, headers: { 'X-Voice-Timestamp': unsigned.headers['X-Voice-Timestamp'], 'X-Voice-Signature': '' } }), 401, 'unauthorized');
    expectError(await sendVoiceRequest(signedVoiceRequest(integration, event, { timestamp: Math.floor(Date.now() / 1000) - 600 })), 401, 'unauthorized');
    expectError(await sendVoiceRequest(signedVoiceRequest(integration, event, { secret: 'not-the-secret' })), 401, 'unauthorized');
    expectError(await sendVoiceRequest({ ...signedVoiceRequest(integration, event), path: '/public/voice/nokey/events' }), 404, 'not_found');
    expectError(await sendVoiceRequest(signedVoiceRequest(integration, { ...event, type: 'fax' })), 422, 'incorrect_value', '/data/type');
    expectError(await sendVoiceRequest(signedVoiceRequest(integration, { ...event, from: 'anonymous' })), 422, 'incorrect_value', '/data/from');
    expectError(await sendVoiceRequest(signedVoiceRequest(integration, { ...event, user_id: undefined })), 422, 'missing', '/data/user_id');
    expectError(await sendVoiceRequest(signedVoiceRequest(integration, { ...event, user_id: 987654 })), 422, 'incorrect_value', '/data/user_id');
    expect((await api('GET', '/v2/calls?per_page=100&sort_by=id:desc', { as: ADMIN })).body.items.length).toBe(before);

    // A rotation retires the old key and secret at once.
    const rotated = await rotateVoiceIntegration(ADMIN);
    expectError(await sendVoiceRequest(signedVoiceRequest(integration, event)), 404, 'not_found');
    expect((await sendVoiceRequest(signedVoiceRequest(rotated, event))).status).toBe(200);
    integration = rotated;
  });
});
