import { z } from 'zod';

export class ConfigError extends Error {}

/**
 * Parses the environment once into a frozen, typed object and fails fast with every problem listed.
 * The only place that reads process.env; services call it from their `*.config.ts`.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/** Reusable environment fragments; services compose them into their own schema. */
export const configFragments = {
  port,
  bool,
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  kafkaBrokers: z
    .string()
    .default('127.0.0.1:19092')
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean)),
  postgresUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** Prometheus scrape port; 0 turns the endpoint off. */
  metricsPort: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  /** Unset or empty: traces are not exported. */
  otelEndpoint: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
};
