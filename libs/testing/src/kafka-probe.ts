import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { stack } from './stack';

export interface ReceivedRecord {
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  offset: string;
}

/**
 * Reads a topic from the end as of start() (or, for a topic the test made itself, from its
 * beginning), in its own throw-away consumer group, and lets a test wait for the records it expects.
 * "The end" is resolved when the group first fetches, a moment after it joins: a record produced in
 * between is not seen, so a test of a fresh topic reads from the beginning.
 */
export class KafkaProbe {
  private consumer?: Consumer;
  readonly records: ReceivedRecord[] = [];

  constructor(
    private readonly topics: string[],
    private readonly options: { fromBeginning?: boolean } = {},
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({ clientId: 'test-probe', brokers: [...stack.KAFKA_BROKERS], logLevel: logLevel.NOTHING });
    this.consumer = kafka.consumer({ groupId: `test-probe-${randomUUID()}`, sessionTimeout: 10_000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning ?? false });
    let assigned!: () => void;
    const ready = new Promise<void>((r) => (assigned = r));
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => assigned());
    await this.consumer.run({ eachMessage: async ({ topic, message }) => void this.records.push(toRecord(topic, message)) });
    await ready;
  }

  async waitFor(predicate: (r: ReceivedRecord) => boolean, count = 1, timeoutMs = 20_000): Promise<ReceivedRecord[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.records.filter(predicate);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`expected ${count} matching records, got ${found.length} of ${this.records.length}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function toRecord(topic: string, m: KafkaMessage): ReceivedRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) if (v !== undefined) headers[k] = (Array.isArray(v) ? v[0] : v)!.toString();
  return { topic, key: m.key ? m.key.toString() : null, value: m.value, headers, offset: m.offset };
}
