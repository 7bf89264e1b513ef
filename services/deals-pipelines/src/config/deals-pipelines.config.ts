import { z } from 'zod';
import { configFragments, ownersConfigShape, ownersOptions, parseConfig, serviceConfigShape, serviceSettings } from '@crm/config';

const schema = z.object({
  ...serviceConfigShape({ grpc: 50052, http: 8082, metrics: 9466 }),
  LEADS_CONTACTS_GRPC_URL: z.string().default('127.0.0.1:50051'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Currency of a deal created without one (ISO 4217). */
  DEFAULT_CURRENCY: z.string().regex(/^[A-Z]{3}$/).default('USD'),
  /** Whether this process completes the deals of lead conversions from lead.converted events. */
  CONVERSION_CONSUMER_ENABLED: configFragments.bool(true),
  /** Its consumer group; one per deployment (a second system on the same Kafka needs its own). */
  CONVERSION_CONSUMER_GROUP: z.string().min(1).default('crm.deals-pipelines.lead-conversions'),
  ...ownersConfigShape,
});

export type DealsPipelinesConfig = ReturnType<typeof loadDealsPipelinesConfig>;

export function loadDealsPipelinesConfig(env: NodeJS.ProcessEnv = process.env) {
  const c = parseConfig(schema, env);
  return {
    ...serviceSettings('deals-pipelines', c),
    leadsContacts: { grpcUrl: c.LEADS_CONTACTS_GRPC_URL, timeoutMs: c.UPSTREAM_TIMEOUT_MS },
    defaultCurrency: c.DEFAULT_CURRENCY,
    conversionConsumer: c.CONVERSION_CONSUMER_ENABLED,
    conversionConsumerGroup: c.CONVERSION_CONSUMER_GROUP,
    owners: ownersOptions('deals-pipelines', c),
  };
}
