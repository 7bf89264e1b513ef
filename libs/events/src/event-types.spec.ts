import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { crm } from '@crm/proto';
import { EVENT_TYPES, eventTypeSpec } from './event-types';
import { buildEvent, cloudEventHeaders, decodePayload, EventDecodeError, parseCloudEvent } from './cloud-event';
import { withEventCause } from './event-cause';
import { TOPICS } from './topics';

function eventProtoMessages(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...eventProtoMessages(full));
    else if (name.endsWith('_events.proto')) {
      const text = readFileSync(full, 'utf8');
      const pkg = /^package\s+([\w.]+);/m.exec(text)?.[1];
      for (const m of text.matchAll(/^message\s+(\w+)/gm)) found.push(`${pkg}.${m[1]}`);
    }
  }
  return found.sort();
}

describe('event registry', () => {
  it('registers exactly the messages of every *_events.proto', () => {
    // A common message (crm.common.v1) is published by each service that owns such records.
    const registered = [...new Set(Object.values(EVENT_TYPES).map((s) => s.message))].sort();
    expect(registered).toEqual(eventProtoMessages(path.resolve(__dirname, '../../../proto')));
  });

  it('uses unique CloudEvents types that name their topic aggregate', () => {
    const types = Object.values(EVENT_TYPES).map((s) => s.type);
    expect(new Set(types).size).toBe(types.length);
    for (const s of Object.values(EVENT_TYPES)) {
      expect(Object.values(TOPICS)).toContain(s.topic);
      expect(eventTypeSpec(s.type)).toBe(s);
    }
  });
});

describe('cloud events on Kafka', () => {
  const tenantId = '11111111-1111-4111-8111-111111111111';

  it('round-trips an event through headers and protobuf data', () => {
    const lead = crm.leads.v1.Lead.fromPartial({ id: '42', ownerId: '1003', lastName: 'Doe', status: 'new', tags: ['a'] });
    const event = buildEvent({ kind: 'leadCreated', tenantId, aggregateId: '42', subject: `tenants/${tenantId}/leads/42`, payload: { lead } });
    const headers = cloudEventHeaders(event);
    expect(headers).toMatchObject({ ce_specversion: '1.0', ce_type: 'com.pipewright.crm.leads.lead.created.v1', ce_tenantid: tenantId, 'content-type': 'application/protobuf' });
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);

    const parsed = parseCloudEvent(event.topic, '42', Buffer.from(event.data), Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])));
    expect(parsed).toEqual(event);
    expect(decodePayload<{ lead: typeof lead }>(parsed).lead).toMatchObject({ id: '42', lastName: 'Doe', tags: ['a'] });
  });

  it('names the acting user and the causing event of the work in progress, and carries both through Kafka headers', () => {
    const lead = crm.leads.v1.Lead.fromPartial({ id: '43', ownerId: '1003' });
    const plain = buildEvent({ kind: 'leadCreated', tenantId, aggregateId: '43', subject: 's', payload: { lead } });
    expect(plain.actorId).toBeUndefined();
    expect(cloudEventHeaders(plain)).not.toHaveProperty('ce_actorid');

    const caused = withEventCause({ actorId: '1001', causationId: 'e-1' }, () => buildEvent({ kind: 'leadCreated', tenantId, aggregateId: '43', subject: 's', payload: { lead } }));
    const explicit = withEventCause({ actorId: '1001' }, () => buildEvent({ kind: 'leadCreated', tenantId, aggregateId: '43', subject: 's', payload: { lead }, actorId: '1002' }));
    expect(explicit.actorId).toBe('1002');
    const headers = cloudEventHeaders(caused);
    expect(headers).toMatchObject({ ce_actorid: '1001', ce_causationid: 'e-1' });
    const parsed = parseCloudEvent(caused.topic, '43', Buffer.from(caused.data), headers);
    expect(parsed).toMatchObject({ actorId: '1001', causationId: 'e-1' });
  });

  it('rejects records without CloudEvents headers or with an unknown type', () => {
    expect(() => parseCloudEvent('t', null, Buffer.from('x'), {})).toThrow(EventDecodeError);
    const headers = { ce_specversion: '1.0', ce_id: '1', ce_source: 's', ce_type: 'com.example.unknown', ce_time: 't', ce_tenantid: tenantId };
    expect(() => decodePayload(parseCloudEvent('t', null, Buffer.from('x'), headers))).toThrow(/unregistered/);
  });
});
