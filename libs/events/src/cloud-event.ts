import { v7 as uuidv7 } from 'uuid';
import { currentEventCause } from './event-cause';
import { EVENT_TYPES, eventTypeSpec, type EventPayload, type EventTypeKey } from './event-types';

export const CE_SPEC_VERSION = '1.0';
export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';

/** A CloudEvents 1.0 event whose data is the protobuf encoding of a registered message. */
export interface CloudEvent {
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  tenantId: string;
  partitionKey: string;
  topic: string;
  data: Uint8Array;
  /** Extension `actorid`: the user who made the change, when a user did. */
  actorId?: string;
  /** Extension `causationid`: the event whose handling produced this one. */
  causationId?: string;
}

export interface NewEvent<K extends EventTypeKey> {
  kind: K;
  tenantId: string;
  /** Aggregate id: the Kafka key and partition key. */
  aggregateId: string;
  /** `tenants/<tenant>/<collection>/<id>` when omitted. */
  subject: string;
  payload: EventPayload<K>;
  time?: Date;
  /** By default the user of the work in progress ({@link withEventCause}). */
  actorId?: string;
}

export function buildEvent<K extends EventTypeKey>(event: NewEvent<K>): CloudEvent {
  const spec = EVENT_TYPES[event.kind];
  const codec = spec.codec as unknown as { encode(m: EventPayload<K>): { finish(): Uint8Array } };
  const cause = currentEventCause();
  const actorId = event.actorId ?? cause.actorId;
  return {
    id: uuidv7(),
    source: spec.source,
    type: spec.type,
    time: (event.time ?? new Date()).toISOString(),
    subject: event.subject,
    tenantId: event.tenantId,
    partitionKey: event.aggregateId,
    topic: spec.topic,
    data: codec.encode(event.payload).finish(),
    ...(actorId ? { actorId } : {}),
    ...(cause.causationId ? { causationId: cause.causationId } : {}),
  };
}

/** Kafka headers of binary content mode (`ce_*` attributes, `content-type`). */
export function cloudEventHeaders(event: CloudEvent): Record<string, string> {
  return {
    ce_specversion: CE_SPEC_VERSION,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_time: event.time,
    ce_subject: event.subject,
    ce_tenantid: event.tenantId,
    ce_partitionkey: event.partitionKey,
    'content-type': PROTOBUF_CONTENT_TYPE,
    ...(event.actorId ? { ce_actorid: event.actorId } : {}),
    ...(event.causationId ? { ce_causationid: event.causationId } : {}),
  };
}

export class EventDecodeError extends Error {}

type HeaderValue = string | Buffer | (string | Buffer)[] | undefined;

function header(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const v = headers[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
}

/** Reads a Kafka record back into an event; throws EventDecodeError for anything malformed. */
export function parseCloudEvent(topic: string, key: Buffer | string | null, value: Buffer | null, headers: Record<string, HeaderValue>): CloudEvent {
  const get = (n: string) => header(headers, n);
  const required = ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_tenantid'] as const;
  for (const name of required) if (!get(name)) throw new EventDecodeError(`missing header ${name}`);
  if (get('ce_specversion') !== CE_SPEC_VERSION) throw new EventDecodeError(`unsupported specversion ${get('ce_specversion')}`);
  if (!value) throw new EventDecodeError('empty value');
  return {
    id: get('ce_id')!,
    source: get('ce_source')!,
    type: get('ce_type')!,
    time: get('ce_time')!,
    subject: get('ce_subject') ?? '',
    tenantId: get('ce_tenantid')!,
    partitionKey: get('ce_partitionkey') ?? (key ? key.toString() : ''),
    topic,
    data: new Uint8Array(value),
    ...(get('ce_actorid') ? { actorId: get('ce_actorid') } : {}),
    ...(get('ce_causationid') ? { causationId: get('ce_causationid') } : {}),
  };
}

/** Decodes the payload of an event with the codec registered for its type. */
export function decodePayload<T = unknown>(event: CloudEvent): T {
  const spec = eventTypeSpec(event.type);
  if (!spec) throw new EventDecodeError(`unregistered event type ${event.type}`);
  try {
    return spec.codec.decode(event.data) as T;
  } catch (e) {
    throw new EventDecodeError(`payload of ${event.type} does not decode: ${(e as Error).message}`);
  }
}
