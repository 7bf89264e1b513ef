import { z } from 'zod';
import { parseConfig, serviceConfigShape, serviceSettings } from '@crm/config';

const schema = z.object({
  ...serviceConfigShape({ grpc: 50052, http: 8082, metrics: 9466 }),
});

export type DealsPipelinesConfig = ReturnType<typeof loadDealsPipelinesConfig>;

export function loadDealsPipelinesConfig(env: NodeJS.ProcessEnv = process.env) {
  return serviceSettings('deals-pipelines', parseConfig(schema, env));
}
