// Creates every topic of the registry (libs/events) on the configured brokers: `node ensure-topics.cli.js`.
import { z } from 'zod';
import { configFragments, parseConfig } from '@crm/config';
import { TOPIC_SPECS } from '@crm/events';
import { createKafka, ensureTopics } from './kafka.factory';

async function main(): Promise<void> {
  const config = parseConfig(z.object({ KAFKA_BROKERS: configFragments.kafkaBrokers }));
  const admin = createKafka({ clientId: 'ensure-topics', brokers: config.KAFKA_BROKERS }).admin();
  await admin.connect();
  try {
    const created = await ensureTopics(admin, TOPIC_SPECS);
    console.log(`topics: ${TOPIC_SPECS.length} in registry, created ${created.length}${created.length ? ` (${created.join(', ')})` : ''}`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
