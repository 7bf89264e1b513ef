import { context, metrics, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic, EventDecodeError, parseCloudEvent, type CloudEvent } from '@crm/events';
import { createIdempotentProducer, ensureTopics } from './kafka.factory';

export interface IdempotentConsumerOptions<DB> {
  kafka: Kafka;
  db: Kysely<DB>;
  groupId: string;
  topics: readonly string[];
  /** Runs inside the transaction that records the event as processed. */
  handle: (event: CloudEvent, trx: Transaction<DB>) => Promise<void>;
  /**
   * Which CloudEvents types (ce_type) the consumer applies; records of other types are passed over
   * without decoding, a span, a transaction or a record, so a consumer of one event type on a busy
   * topic replays its history quickly and stays out of other traces.
   */
  acceptsType?: (type: string) => boolean;
  /** Attempts before a failing event goes to the dead-letter topic. */
  maxAttempts?: number;
  retryBackoffMs?: number;
  fromBeginning?: boolean;
  onError?: (error: unknown, event?: CloudEvent) => void;
}

const tracer = trace.getTracer('@crm/kafka');
const meter = metrics.getMeter('@crm/kafka');
const processedCounter = meter.createCounter('crm.consumer.processed', { description: 'Events applied by idempotent consumers' });
const duplicateCounter = meter.createCounter('crm.consumer.duplicates', { description: 'Redelivered events recognised and skipped' });
const deadLetterCounter = meter.createCounter('crm.consumer.dead_lettered', { description: 'Records sent to a dead-letter topic' });

/**
 * Consumes CloudEvents exactly once in effect: the handler's writes and the processed-event
 * record (consumer group + ce_source + ce_id) commit together, and the offset is committed only
 * after that, so redelivery after a crash or rebalance is recognised and skipped. Undecodable
 * records and events that keep failing go to the group's dead-letter topic.
 */
export class IdempotentConsumer<DB> {
  private consumer?: Consumer;
  private dlqProducer?: Producer;

  constructor(private readonly options: IdempotentConsumerOptions<DB>) {}

  async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const week = 7 * 24 * 3600 * 1000;
      await ensureTopics(admin, topics.map((t) => ({ name: deadLetterTopic(t, groupId), partitions: 1, retentionMs: 4 * week })));
    } finally {
      await admin.disconnect();
    }
    this.dlqProducer = createIdempotentProducer(kafka);
    await this.dlqProducer.connect();
    // A member that died is replaced after 10 s instead of the default 30 s.
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 10_000, heartbeatInterval: 3_000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      // Offsets are committed every second: a redelivery after a crash is recognised by the
      // processed-event record, so committing after every message would only slow replays down.
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachMessage: async ({ topic, message }) => this.traced(topic, message),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.dlqProducer?.disconnect();
  }

  /** Runs the processing in a CONSUMER span that continues the producer's trace. */
  private traced(topic: string, message: KafkaMessage): Promise<void> {
    const type = message.headers?.ce_type?.toString();
    if (this.options.acceptsType && type !== undefined && !this.options.acceptsType(type)) return Promise.resolve();
    const carrier: Record<string, string> = {};
    for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) carrier[k] = (Array.isArray(v) ? v[0] : v)!.toString();
    const parent = propagation.extract(ROOT_CONTEXT, carrier);
    return tracer.startActiveSpan(`${topic} process`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka', 'messaging.consumer.group.name': this.options.groupId } }, parent, async (span) => {
      try {
        await context.with(trace.setSpan(context.active(), span), () => this.process(topic, message));
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
        throw e;
      } finally {
        span.end();
      }
    });
  }

  private async process(topic: string, message: KafkaMessage): Promise<void> {
    let event: CloudEvent;
    try {
      event = parseCloudEvent(topic, message.key, message.value, message.headers ?? {});
    } catch (e) {
      if (e instanceof EventDecodeError) return this.deadLetter(topic, message, e);
      throw e;
    }
    const attempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.db.transaction().execute(async (trx) => {
          const inserted = await sql`
            insert into processed_events (consumer_group, event_source, event_id)
            values (${this.options.groupId}, ${event.source}, ${event.id})
            on conflict do nothing returning 1 as ok`.execute(trx);
          if (inserted.rows.length === 0) {
            duplicateCounter.add(1, { 'consumer.group': this.options.groupId });
            return;
          }
          await this.options.handle(event, trx);
          processedCounter.add(1, { 'consumer.group': this.options.groupId });
        });
        return;
      } catch (e) {
        this.options.onError?.(e, event);
        if (attempt >= attempts || e instanceof EventDecodeError) return this.deadLetter(topic, message, e as Error);
        await new Promise((r) => setTimeout(r, (this.options.retryBackoffMs ?? 200) * 2 ** (attempt - 1)));
      }
    }
  }

  private async deadLetter(topic: string, message: KafkaMessage, error: Error): Promise<void> {
    deadLetterCounter.add(1, { 'consumer.group': this.options.groupId });
    await this.dlqProducer!.send({
      topic: deadLetterTopic(topic, this.options.groupId),
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
}
