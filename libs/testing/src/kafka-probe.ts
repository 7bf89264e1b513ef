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
 * Reads a topic from the end as of start() (or from its beginning), in its own throw-away consumer
 * group, and lets a test wait for the records it expects. The end offsets are read and committed
 * for the group before it joins: left to the consumer, "the end" would be resolved at its first
 * fetch, a moment after start() returns, and a record produced in between would be missed.
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
    const groupId = `test-probe-${randomUUID()}`;
    if (!this.options.fromBeginning) await startGroupAtEnd(groupId, this.topics);
    this.consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
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

/**
 * Commits a new group's position at the current end of each topic, before its first real member
 * joins: the group then reads only what is produced after this call (the local Kafka keeps earlier
 * runs' events of the same tenants), and its committed offsets tell tests when it has processed
 * everything.
 */
export async function startGroupAtEnd(groupId: string, topics: readonly string[]): Promise<void> {
  const kafka = new Kafka({ brokers: [...stack.KAFKA_BROKERS], logLevel: logLevel.NOTHING });
  // One member joins once and commits every partition's end (admin.setOffsets would join once per topic).
  const member = kafka.consumer({ groupId });
  const admin = kafka.admin();
  await Promise.all([member.connect(), admin.connect()]);
  try {
    const joined = new Promise<void>((resolve) => member.on(member.events.GROUP_JOIN, () => resolve()));
    await member.subscribe({ topics: [...topics], fromBeginning: false });
    await member.run({ autoCommit: false, eachMessage: async () => undefined });
    await joined;
    const ends = await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, offset: p.high }))));
    await member.commitOffsets(ends.flat());
  } finally {
    await Promise.all([member.disconnect(), admin.disconnect()]);
  }
}

function toRecord(topic: string, m: KafkaMessage): ReceivedRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) if (v !== undefined) headers[k] = (Array.isArray(v) ? v[0] : v)!.toString();
  return { topic, key: m.key ? m.key.toString() : null, value: m.value, headers, offset: m.offset };
}
