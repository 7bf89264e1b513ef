import { Kafka, logLevel } from 'kafkajs';
import { stack } from '@crm/testing';

/**
 * Waits until a consumer group has committed, on every partition of `topics`, the end offset the
 * topics have now: everything published before this call has been processed (the group must have
 * committed a position on every partition, as e2e groups placed at the end do). Tests that assert
 * that something did *not* happen call it first, so the absence is not a consumer running late.
 */
export async function consumerCaughtUp(groupId: string, topics: readonly string[], timeoutMs = 30_000): Promise<void> {
  const admin = new Kafka({ brokers: [...stack.KAFKA_BROKERS], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = new Map<string, number>();
    for (const topic of topics) for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const committed = new Map<string, number>();
      for (const t of await admin.fetchOffsets({ groupId, topics: [...topics] })) for (const p of t.partitions) committed.set(`${t.topic}/${p.partition}`, Number(p.offset));
      const behind = [...ends].filter(([key, end]) => (committed.get(key) ?? -1) < end);
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new Error(`consumer group ${groupId} is behind on ${behind.map(([k, end]) => `${k} (${committed.get(k)} < ${end})`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
