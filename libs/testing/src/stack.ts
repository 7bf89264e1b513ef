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
    MAIL_SMTP_PORT: configFragments.port(2525),
    MAIL_IMAP_PORT: configFragments.port(1143),
    /** Every local mailbox's password (deploy/local/components/mail.sh). */
    MAIL_PASSWORD: z.string().default('pipewright-mail'),
    /** The local CalDAV server (deploy/local/components/radicale.sh) and its users' password. */
    CALDAV_URL: z.string().default('http://127.0.0.1:5232/'),
    CALDAV_PASSWORD: z.string().default('pipewright-caldav'),
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
  /** Its users are invited by the tests, so the other tenants' user lists stay fixed. */
  initech: '33333333-3333-4333-8333-333333333333',
  /** The API fuzz's own: its random writes land where no other suite looks. */
  umbrella: '44444444-4444-4444-8444-444444444444',
} as const;

export const DEMO_PASSWORD = 'pipewright';
