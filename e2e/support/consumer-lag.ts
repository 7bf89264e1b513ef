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

/**
 * Commits a new group's position at the current end of each topic, before its first member joins:
 * it then reads only this run's events (the local Kafka keeps earlier runs' events of the same
 * tenants), and its committed offsets tell tests when it has processed everything (consumerCaughtUp).
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
