import { z } from 'zod';
import { parseConfig, configFragments } from '@crm/config';

/** Where the native local stack listens; the defaults match deploy/local/lib.sh. */
export const stack = parseConfig(
  z.object({
    PG_HOST: z.string().default('127.0.0.1'),
    PG_PORT: configFragments.port(55432),
    PG_SUPERUSER: z.string().default('pipewright'),
    PG_SUPERUSER_PASSWORD: z.string().default('pipewright'),
    KAFKA_BROKERS: configFragments.kafkaBrokers,
    KEYCLOAK_URL: z.string().default('http://127.0.0.1:8180'),
    KEYCLOAK_REALM: z.string().default('crm'),
    FERRETDB_PORT: configFragments.port(27018),
    S3_ENDPOINT: z.string().default('http://127.0.0.1:19000'),
    S3_BUCKET: z.string().default('pipewright-local'),
  }),
);

export function pgUrl(user: string, password: string, database: string): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${stack.PG_HOST}:${stack.PG_PORT}/${database}`;
}

export const superuserUrl = (database = 'postgres') => pgUrl(stack.PG_SUPERUSER, stack.PG_SUPERUSER_PASSWORD, database);

export const keycloakIssuer = () => `${stack.KEYCLOAK_URL}/realms/${stack.KEYCLOAK_REALM}`;

/** Demo tenants and users of deploy/keycloak/realm-crm.json. */
export const TENANTS = {
  acme: '11111111-1111-4111-8111-111111111111',
  globex: '22222222-2222-4222-8222-222222222222',
} as const;

export const DEMO_PASSWORD = 'pipewright';
