import { context, metrics, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { inTenantTransaction } from '@crm/db-pg';
import type { Logger } from '@crm/observability';
import { deadLetterTopic, EVENT_TYPES, EventDecodeError, parseCloudEvent, withEventCause, type CloudEvent, type EventPayload, type EventTypeKey } from '@crm/events';
import { createIdempotentProducer, ensureTopics } from './kafka.factory';

/** Applies one event with the context its ledger gives (for PostgreSQL, the transaction that records it as processed). */
export type ContextEventHandler<Ctx, K extends EventTypeKey> = (payload: EventPayload<K>, event: CloudEvent, ctx: Ctx) => Promise<void>;

/** What a consumer applies, by event type of the registry; every other type is passed over unread. */
export type ContextEventHandlers<Ctx> = { readonly [K in EventTypeKey]?: ContextEventHandler<Ctx, K> };

/** A handler of a PostgreSQL consumer: its writes share the transaction of the processed-event record, scoped to the event's tenant. */
export type EventHandler<DB, K extends EventTypeKey> = ContextEventHandler<Transaction<DB>, K>;
export type EventHandlers<DB> = ContextEventHandlers<Transaction<DB>>;

/**
 * Where a consumer group records the events it applied, so a redelivery changes nothing. The
 * handler runs inside `applyOnce`, with whatever context makes its writes and the record one.
 */
export interface EventLedger<Ctx> {
  /** Runs `apply` unless the group applied the event before; false when it had. */
  applyOnce(groupId: string, event: CloudEvent, apply: (ctx: Ctx) => Promise<void>): Promise<boolean>;
}

/** The `processed_events` table: the record and the handler's writes commit in one transaction, in the event's tenant. */
export class PostgresEventLedger<DB> implements EventLedger<Transaction<DB>> {
  constructor(private readonly db: Kysely<DB>) {}

  async applyOnce(groupId: string, event: CloudEvent, apply: (trx: Transaction<DB>) => Promise<void>): Promise<boolean> {
    // processed_events has no tenant; the handler's tables do, so the transaction opens in the event's tenant.
    return inTenantTransaction(this.db, event.tenantId, async (trx) => {
      const inserted = await sql`
        insert into processed_events (consumer_group, event_source, event_id)
        values (${groupId}, ${event.source}, ${event.id})
        on conflict do nothing returning 1 as ok`.execute(trx);
      if (inserted.rows.length === 0) return false;
      await apply(trx);
      return true;
    });
  }
}

export interface EventConsumerHostOptions<Ctx> {
  kafka: Kafka;
  ledger: EventLedger<Ctx>;
  /** `crm.<service>.<purpose>`; also names the dead-letter topics. */
  groupId: string;
  handlers: ContextEventHandlers<Ctx>;
  logger: Logger;
  /** Topics to read; by default the registry topics of the handled types. */
  topics?: readonly string[];
  /** Attempts of one event before it goes to the dead-letter topic. */
  maxAttempts?: number;
  /** First back-off between attempts; it doubles each time. */
  retryBackoffMs?: number;
  /** Longest wait between two attempts to join the group. */
  maxJoinBackoffMs?: number;
  fromBeginning?: boolean;
}

const tracer = trace.getTracer('@crm/kafka');
const meter = metrics.getMeter('@crm/kafka');
const processedCounter = meter.createCounter('crm.consumer.processed', { description: 'Events applied by consumers' });
const duplicateCounter = meter.createCounter('crm.consumer.duplicates', { description: 'Redelivered events recognised and skipped' });
const failureCounter = meter.createCounter('crm.consumer.failures', { description: 'Attempts to apply an event that failed' });
const deadLetterCounter = meter.createCounter('crm.consumer.dead_lettered', { description: 'Records sent to a dead-letter topic' });
const durationHistogram = meter.createHistogram('crm.consumer.duration', { description: 'Time to apply one event, retries included', unit: 's' });
const lagGauge = meter.createObservableGauge('crm.consumer.lag', { description: 'Records behind the end of each assigned partition' });

/** Thrown inside a back-off that a shutdown cut short: the record stays unresolved and is read again. */
class ConsumerStopping extends Error {}

/**
 * Hosts one consumer group for its whole life. `start()` returns at once and joins in the
 * background, retrying with back-off until the broker answers; `stop()` finishes the record in
 * hand, commits what was applied and leaves the group.
 *
 * Each event is applied exactly once in effect: the ledger records it (group + ce_source + ce_id)
 * together with the handler's writes, so a redelivery after a crash or a rebalance is recognised
 * and skipped. The handler runs with the event as the cause of what it writes: its events carry
 * the same actor and name this event as their causation. An event that keeps failing, and a record that is no
 * event at all, go to the group's dead-letter topic after a bounded number of attempts.
 */
export class EventConsumerHost<Ctx> {
  private readonly types: ReadonlyMap<string, EventTypeKey>;
  private readonly topics: readonly string[];
  private readonly lag = new Map<string, number>();
  private consumer?: Consumer;
  private dlqProducer?: Producer;
  private active = false;
  private joining?: Promise<void>;
  private wakeBackoff?: () => void;
  private joined?: () => void;
  private joinedOnce: Promise<void>;

  constructor(private readonly options: EventConsumerHostOptions<Ctx>) {
    const keys = Object.keys(options.handlers) as EventTypeKey[];
    if (keys.length === 0) throw new Error(`consumer ${options.groupId} handles no event type`);
    this.types = new Map(keys.map((k) => [EVENT_TYPES[k].type, k]));
    this.topics = options.topics ?? [...new Set(keys.map((k) => EVENT_TYPES[k].topic))];
    this.joinedOnce = new Promise((resolve) => (this.joined = resolve));
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** Starts joining the group in the background; safe to call once. */
  start(): void {
    if (this.active) return;
    this.active = true;
    lagGauge.addCallback(this.observeLag);
    this.joining = this.joinUntilStopped();
  }

  /** Resolves once the group has assigned partitions to this member the first time. */
  ready(): Promise<void> {
    return this.joinedOnce;
  }

  /** Records behind the end of the partitions this member holds, as of its last fetch. */
  currentLag(): number {
    let total = 0;
    for (const n of this.lag.values()) total += n;
    return total;
  }

  /** Lets the record in hand finish (a back-off in progress is cut short), then leaves the group. */
  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    this.wakeBackoff?.();
    await this.joining;
    await this.disconnect();
    lagGauge.removeCallback(this.observeLag);
  }

  private async joinUntilStopped(): Promise<void> {
    for (let attempt = 1; this.active; attempt++) {
      try {
        await this.join();
        this.options.logger.info({ group: this.groupId, topics: this.topics }, 'consumer started');
        return;
      } catch (err) {
        await this.disconnect();
        if (!this.active) return;
        this.options.logger.error({ err, group: this.groupId, attempt }, 'consumer failed to start; retrying');
        await this.sleep(Math.min(this.options.maxJoinBackoffMs ?? 30_000, 500 * 2 ** attempt)).catch(() => undefined);
      }
    }
  }

  private async join(): Promise<void> {
    const { kafka, groupId } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const fourWeeks = 28 * 24 * 3600 * 1000;
      await ensureTopics(admin, this.topics.map((t) => ({ name: deadLetterTopic(t, groupId), partitions: 1, retentionMs: fourWeeks })));
    } finally {
      await admin.disconnect();
    }
    this.dlqProducer = createIdempotentProducer(kafka);
    await this.dlqProducer.connect();
    // A member that died is replaced after 10 s instead of the default 30 s.
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 10_000, heartbeatInterval: 3_000 });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.lag.clear();
      this.joined?.();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts itself after retriable errors; after any other it stays down, so rejoin.
      if (payload.restart || !this.active) return;
      this.options.logger.error({ err: payload.error, group: groupId }, 'consumer crashed; rejoining');
      this.joining = this.disconnect().then(() => this.joinUntilStopped());
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics], fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      // Offsets are committed each second: a redelivery is recognised by the processed-event
      // record, so committing after every record would only slow replays down.
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const partition = `${batch.topic}/${batch.partition}`;
        for (const message of batch.messages) {
          if (!isRunning() || isStale() || !this.active) return;
          try {
            await this.traced(batch.topic, message);
          } catch (e) {
            if (e instanceof ConsumerStopping) return;
            throw e;
          }
          resolveOffset(message.offset);
          this.lag.set(partition, Math.max(0, Number(batch.highWatermark) - Number(message.offset) - 1));
          await heartbeat();
        }
      },
    });
  }

  private async disconnect(): Promise<void> {
    const consumer = this.consumer;
    const producer = this.dlqProducer;
    this.consumer = undefined;
    this.dlqProducer = undefined;
    await consumer?.disconnect().catch((err) => this.options.logger.warn({ err, group: this.groupId }, 'consumer did not disconnect cleanly'));
    await producer?.disconnect().catch(() => undefined);
  }

  private readonly observeLag = (result: { observe(value: number, attributes: Record<string, string>): void }) => {
    for (const [partition, n] of this.lag) result.observe(n, { 'consumer.group': this.groupId, partition });
  };

  /** Runs the processing in a CONSUMER span that continues the producer's trace. */
  private traced(topic: string, message: KafkaMessage): Promise<void> {
    const type = message.headers?.ce_type?.toString();
    // Other types are skipped before decoding, a span or a transaction, so a consumer of one
    // type on a busy topic replays its history quickly and stays out of other traces.
    if (type !== undefined && !this.types.has(type)) return Promise.resolve();
    const carrier: Record<string, string> = {};
    for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) carrier[k] = (Array.isArray(v) ? v[0] : v)!.toString();
    const parent = propagation.extract(ROOT_CONTEXT, carrier);
    const attributes = { 'messaging.system': 'kafka', 'messaging.consumer.group.name': this.groupId };
    return tracer.startActiveSpan(`${topic} process`, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
      const started = performance.now();
      try {
        await context.with(trace.setSpan(context.active(), span), () => this.process(topic, message));
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
        throw e;
      } finally {
        durationHistogram.record((performance.now() - started) / 1000, { 'consumer.group': this.groupId });
        span.end();
      }
    });
  }

  private async process(topic: string, message: KafkaMessage): Promise<void> {
    let event: CloudEvent;
    let payload: unknown;
    try {
      event = parseCloudEvent(topic, message.key, message.value, message.headers ?? {});
      const key = this.types.get(event.type);
      if (!key) return;
      payload = decode(key, event);
    } catch (e) {
      if (e instanceof EventDecodeError) return this.deadLetter(topic, message, e);
      throw e;
    }
    const handle = this.options.handlers[this.types.get(event.type)!] as ContextEventHandler<Ctx, EventTypeKey>;
    const attempts = this.options.maxAttempts ?? 5;
    const group = { 'consumer.group': this.groupId };
    const cause = { ...(event.actorId ? { actorId: event.actorId } : {}), causationId: event.id };
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await withEventCause(cause, () => this.options.ledger.applyOnce(this.groupId, event, (ctx) => handle(payload as never, event, ctx)));
        (applied ? processedCounter : duplicateCounter).add(1, group);
        return;
      } catch (e) {
        failureCounter.add(1, group);
        this.options.logger.warn({ err: e, group: this.groupId, eventId: event.id, type: event.type, attempt }, 'event failed');
        if (attempt >= attempts) return this.deadLetter(topic, message, e as Error);
        await this.sleep((this.options.retryBackoffMs ?? 200) * 2 ** (attempt - 1));
      }
    }
  }

  private async deadLetter(topic: string, message: KafkaMessage, error: Error): Promise<void> {
    deadLetterCounter.add(1, { 'consumer.group': this.groupId });
    this.options.logger.error({ err: error, group: this.groupId, topic, offset: message.offset }, 'record sent to the dead-letter topic');
    await this.dlqProducer!.send({
      topic: deadLetterTopic(topic, this.groupId),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: { ...message.headers, 'x-dlq-reason': error.message.slice(0, 1000), 'x-dlq-original-topic': topic, 'x-dlq-original-offset': message.offset },
        },
      ],
    });
  }

  /** Waits, unless a stop comes first: then it throws, so the record in hand is not resolved. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (!this.active) return reject(new ConsumerStopping());
      const timer = setTimeout(() => {
        this.wakeBackoff = undefined;
        resolve();
      }, ms);
      this.wakeBackoff = () => {
        clearTimeout(timer);
        reject(new ConsumerStopping());
      };
    });
  }
}

function decode(key: EventTypeKey, event: CloudEvent): unknown {
  try {
    return EVENT_TYPES[key].codec.decode(event.data);
  } catch (e) {
    throw new EventDecodeError(`payload of ${event.type} does not decode: ${(e as Error).message}`);
  }
}
