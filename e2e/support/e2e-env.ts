import { z } from 'zod';
import { parseConfig } from '@crm/config';
import { keycloakIssuer, stack } from '@crm/testing';
import { PUSH_RECEIVER_CERT } from './push-receiver';
import { RUN_ID } from './run-id';

/** Shifts every port of the system under test, so two test runs can share a machine. */
const { E2E_PORT_OFFSET: offset, SCHEMATHESIS_BIN: schemathesisBin } = parseConfig(
  z.object({
    E2E_PORT_OFFSET: z.coerce.number().int().min(0).max(10_000).default(0),
    /** The API fuzzer, installed by deploy/local/components/fuzz-tools.sh. */
    SCHEMATHESIS_BIN: z.string().default(''),
  }),
);
export { schemathesisBin };

/**
 * Ports of the system under test; chosen away from the development defaults so both can run, and
 * below Linux's ephemeral range (32768-60999), so an outgoing connection never holds one first.
 */
export const E2E = {
  gatewayPort: 18080 + offset,
  leadsGrpcPort: 25151 + offset,
  leadsHttpPort: 18081 + offset,
  otlpPort: 14318 + offset,
  gatewayMetricsPort: 19464 + offset,
  leadsMetricsPort: 19465 + offset,
  dealsGrpcPort: 25153 + offset,
  dealsHttpPort: 18083 + offset,
  dealsMetricsPort: 19466 + offset,
  directoryGrpcPort: 25155 + offset,
  directoryHttpPort: 18085 + offset,
  directoryMetricsPort: 19467 + offset,
  syncGrpcPort: 25157 + offset,
  syncHttpPort: 18087 + offset,
  syncMetricsPort: 19468 + offset,
  syncGroup: `crm.sync.projection.e2e-${offset}-${RUN_ID}`,
  calendarTasksGrpcPort: 25158 + offset,
  calendarTasksHttpPort: 18088 + offset,
  calendarTasksMetricsPort: 19469 + offset,
  calendarTasksRecordsGroup: `crm.calendar-tasks.record-events.e2e-${offset}-${RUN_ID}`,
  notificationsGrpcPort: 25159 + offset,
  notificationsHttpPort: 18089 + offset,
  notificationsMetricsPort: 19470 + offset,
  notificationsGroup: `crm.notifications.domain-events.e2e-${offset}-${RUN_ID}`,
  /** The notifications service's database on the local FerretDB, one per run. */
  notificationsMongoDb: `e2e_notifications_${offset}_${RUN_ID}`,
  gatewayUrl: `http://127.0.0.1:${18080 + offset}`,
  otlpUrl: `http://127.0.0.1:${14318 + offset}`,
  /** A second gateway and leads-contacts for the crash test. */
  fault: { grpc: 25161 + offset, http: 18091 + offset, gateway: 18090 + offset },
  /** A gateway and leads-contacts on their own database for the killed-import test. */
  importFault: { grpc: 25171 + offset, http: 18101 + offset, gateway: 18100 + offset },
  /** A gateway, leads-contacts and deals-pipelines on their own databases for the conversion crash test. */
  conversionFault: { leadsGrpc: 25181 + offset, leadsHttp: 18111 + offset, dealsGrpc: 25182 + offset, dealsHttp: 18112 + offset, gateway: 18110 + offset },
  /** A gateway and a supervised leads-contacts for the restart test. */
  restart: { grpc: 25191 + offset, http: 18121 + offset, gateway: 18120 + offset },
  /** The whole system on its own databases for the API fuzz. */
  fuzz: { leadsGrpc: 25201 + offset, leadsHttp: 18131 + offset, dealsGrpc: 25202 + offset, dealsHttp: 18132 + offset, gateway: 18130 + offset },
  /** Two calendar-tasks replicas on their own database for the reminder crash test. */
  remindersCrash: { grpcA: 25211 + offset, httpA: 18141 + offset, grpcB: 25212 + offset, httpB: 18142 + offset },
  /** A notifications service on its own database, killed in the middle of its work. */
  notificationsCrash: { grpc: 25221 + offset, http: 18151 + offset },
  /** A second gateway, for live notification streams across replicas. */
  liveGateway: 18093 + offset,
  /** A gateway whose notifications address answers nothing, for a dashboard with a part down. */
  dashboardGateway: { gateway: 18094 + offset, deadGrpc: 25231 + offset },
  /** A gateway with a tiny rate limit. */
  rateLimitedGateway: 18092 + offset,
  /** Where leads-contacts stores files in the local S3-compatible store. */
  s3Prefix: `e2e-${offset}/`,
} as const;

/** What every domain service of the suite is started with: its ports, database, Kafka, a fast outbox and traces to the receiver. */
function serviceEnv(dbUrl: string, grpcPort: number, httpPort: number, metricsPort: number): Record<string, string> {
  return {
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: String(grpcPort),
    HTTP_PORT: String(httpPort),
    DB_URL: dbUrl,
    KAFKA_BROKERS: stack.KAFKA_BROKERS.join(','),
    OUTBOX_POLL_INTERVAL_MS: '50',
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: E2E.otlpUrl,
    METRICS_PORT: String(metricsPort),
  };
}

export function leadsContactsEnv(dbUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...serviceEnv(dbUrl, E2E.leadsGrpcPort, E2E.leadsHttpPort, E2E.leadsMetricsPort),
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: stack.S3_ENDPOINT,
    S3_BUCKET: stack.S3_BUCKET,
    S3_KEY_PREFIX: E2E.s3Prefix,
    S3_ACCESS_KEY_ID: 'e2e',
    S3_SECRET_ACCESS_KEY: 'e2e-secret',
    OBJECT_PURGE_INTERVAL_MS: '500',
    JOB_POLL_INTERVAL_MS: '100',
    IMPORT_MAX_BYTES: String(2 * 1024 * 1024),
    DIRECTORY_GRPC_URL: `127.0.0.1:${E2E.directoryGrpcPort}`,
    TENANT_USERS_CONSUMER_GROUP: tenantUsersGroup('leads-contacts', dbUrl),
    ...overrides,
  };
}

/**
 * A consumer group of the user events per database: each system a test starts (its own database)
 * keeps its own copy of the users, as separate deployments sharing one Kafka do.
 */
function tenantUsersGroup(service: string, dbUrl: string): string {
  return `crm.${service}.tenant-users.${new URL(dbUrl).pathname.slice(1)}`;
}

export function dealsPipelinesEnv(dbUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...serviceEnv(dbUrl, E2E.dealsGrpcPort, E2E.dealsHttpPort, E2E.dealsMetricsPort),
    LEADS_CONTACTS_GRPC_URL: `127.0.0.1:${E2E.leadsGrpcPort}`,
    DIRECTORY_GRPC_URL: `127.0.0.1:${E2E.directoryGrpcPort}`,
    TENANT_USERS_CONSUMER_GROUP: tenantUsersGroup('deals-pipelines', dbUrl),
    ...overrides,
  };
}

export function directoryEnv(dbUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...serviceEnv(dbUrl, E2E.directoryGrpcPort, E2E.directoryHttpPort, E2E.directoryMetricsPort),
    KEYCLOAK_URL: stack.KEYCLOAK_URL,
    KEYCLOAK_REALM: stack.KEYCLOAK_REALM,
    KEYCLOAK_DIRECTORY_CLIENT_SECRET: 'crm-directory-dev-secret',
    USER_SYNC_INTERVAL_MS: '2000',
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: stack.S3_ENDPOINT,
    S3_BUCKET: stack.S3_BUCKET,
    S3_KEY_PREFIX: `${E2E.s3Prefix}directory/`,
    S3_ACCESS_KEY_ID: 'e2e',
    S3_SECRET_ACCESS_KEY: 'e2e-secret',
    OBJECT_PURGE_INTERVAL_MS: '500',
    ...overrides,
  };
}

export function syncEnv(dbUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...serviceEnv(dbUrl, E2E.syncGrpcPort, E2E.syncHttpPort, E2E.syncMetricsPort),
    // A group per run that reads only what comes after its start: the local Kafka keeps every
    // earlier run's events (and benchmarks' hundreds of thousands), which are not this run's records.
    SYNC_PROJECTION_GROUP: E2E.syncGroup,
    SYNC_PROJECTION_START: 'latest',
    SYNC_PAGE_SIZE: '5',
    ...overrides,
  };
}

/** The RSVP link key of the e2e calendar-tasks (tests sign tokens with it to try forged ones). */
export const E2E_RSVP_KEY = 'e2e-rsvp-key-not-a-secret-0123456789abcdef';
/** The calendar mailbox: the ORGANIZER of invitations, where attendees' REPLYs go. */
export const E2E_CALENDAR_MAILBOX = 'calendar@pipewright.local';

export function calendarTasksEnv(dbUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...serviceEnv(dbUrl, E2E.calendarTasksGrpcPort, E2E.calendarTasksHttpPort, E2E.calendarTasksMetricsPort),
    LEADS_CONTACTS_GRPC_URL: `127.0.0.1:${E2E.leadsGrpcPort}`,
    DEALS_PIPELINES_GRPC_URL: `127.0.0.1:${E2E.dealsGrpcPort}`,
    DIRECTORY_GRPC_URL: `127.0.0.1:${E2E.directoryGrpcPort}`,
    TENANT_USERS_CONSUMER_GROUP: tenantUsersGroup('calendar-tasks', dbUrl),
    RECORD_EVENTS_CONSUMER_GROUP: E2E.calendarTasksRecordsGroup,
    SMTP_URL: `smtp://127.0.0.1:${stack.MAIL_SMTP_PORT}`,
    PUBLIC_BASE_URL: E2E.gatewayUrl,
    RSVP_SIGNING_KEY: E2E_RSVP_KEY,
    INVITATION_POLL_MS: '200',
    // Tests change the logo between invitations.
    INVITATION_LOGO_CACHE_MS: '0',
    ITIP_IMAP_URL: `imap://${encodeURIComponent(E2E_CALENDAR_MAILBOX)}:${stack.MAIL_PASSWORD}@127.0.0.1:${stack.MAIL_IMAP_PORT}`,
    ITIP_IMAP_POLL_MS: '300',
    CALDAV_CREDENTIALS_KEY: 'ZTJlLWNhbGRhdi1rZXktbm90LWEtc2VjcmV0LTAxMjM=',
    CALDAV_ALLOW_PRIVATE_ADDRESSES: 'true',
    CALDAV_SYNC_POLL_MS: '300',
    // The API fuzz connects to whatever server_url it makes up: unanswered ones fail within seconds.
    CALDAV_TIMEOUT_MS: '6000',
    ...overrides,
  };
}

/** The unsubscribe link key of the e2e notifications service (tests sign tokens with it to try forged ones). */
export const E2E_UNSUBSCRIBE_KEY = 'e2e-unsubscribe-key-not-a-secret-0123456789';

/** The VAPID key pair of the e2e notifications service (a test key, no secret). */
export const E2E_VAPID_PUBLIC_KEY = 'BPQaEpLUIxB6ZbabvUNTYXzIS9Rq47hJBXVjK3J44bPHmqIZS2wapmPBYrZjka35FsbzMydLNwFMwXZSNO7RuCU';

export const e2eMongoUrl = `mongodb://127.0.0.1:${stack.FERRETDB_PORT}/?retryWrites=false`;

export function notificationsEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: String(E2E.notificationsGrpcPort),
    HTTP_PORT: String(E2E.notificationsHttpPort),
    MONGO_URL: e2eMongoUrl,
    MONGO_DB_NAME: E2E.notificationsMongoDb,
    KAFKA_BROKERS: stack.KAFKA_BROKERS.join(','),
    // A group per run, placed at the topics' end before it starts (global-setup.ts).
    DOMAIN_EVENTS_CONSUMER_GROUP: E2E.notificationsGroup,
    SMTP_URL: `smtp://127.0.0.1:${stack.MAIL_SMTP_PORT}`,
    PUBLIC_BASE_URL: E2E.gatewayUrl,
    APP_BASE_URL: 'https://app.pipewright.test',
    UNSUBSCRIBE_SIGNING_KEY: E2E_UNSUBSCRIBE_KEY,
    DELIVERY_POLL_MS: '200',
    VAPID_PUBLIC_KEY: E2E_VAPID_PUBLIC_KEY,
    VAPID_PRIVATE_KEY: 'c14FlS5IR1Jp7v4AXh56Ejw4ZzvhcMwwJfHB25rfOPo',
    VAPID_SUBJECT: 'mailto:ops@pipewright.test',
    PUSH_ALLOW_PRIVATE_ADDRESSES: 'true',
    // The local push receiver's self-signed certificate (support/push-receiver.ts).
    NODE_EXTRA_CA_CERTS: PUSH_RECEIVER_CERT,
    DELIVERY_RETRY_BASE_MS: '200',
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: E2E.otlpUrl,
    METRICS_PORT: String(E2E.notificationsMetricsPort),
    ...overrides,
  };
}

export function gatewayEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(E2E.gatewayPort),
    KEYCLOAK_URL: stack.KEYCLOAK_URL,
    KEYCLOAK_REALM: stack.KEYCLOAK_REALM,
    KEYCLOAK_ISSUER: keycloakIssuer(),
    LEADS_CONTACTS_GRPC_URL: `127.0.0.1:${E2E.leadsGrpcPort}`,
    DEALS_PIPELINES_GRPC_URL: `127.0.0.1:${E2E.dealsGrpcPort}`,
    DIRECTORY_GRPC_URL: `127.0.0.1:${E2E.directoryGrpcPort}`,
    SYNC_GRPC_URL: `127.0.0.1:${E2E.syncGrpcPort}`,
    CALENDAR_TASKS_GRPC_URL: `127.0.0.1:${E2E.calendarTasksGrpcPort}`,
    KAFKA_BROKERS: stack.KAFKA_BROKERS.join(','),
    NOTIFICATIONS_GRPC_URL: `127.0.0.1:${E2E.notificationsGrpcPort}`,
    // Short, so the tests of deactivation and revocation wait seconds, not the production 15 s / 5 s.
    CALLER_CACHE_TTL_MS: '3000',
    ACCESS_TOKEN_CACHE_TTL_MS: '1000',
    // High enough for the suite; the 429 test runs its own gateway with a tiny limit.
    RATE_LIMIT_PER_SECOND: '1000',
    RATE_LIMIT_BURST: '1000',
    IMPORT_MAX_BYTES: String(2 * 1024 * 1024),
    CAPTURE_RATE_PER_FORM_PER_MINUTE: '100000',
    CAPTURE_RATE_PER_CLIENT_PER_MINUTE: '100000',
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: E2E.otlpUrl,
    METRICS_PORT: String(E2E.gatewayMetricsPort),
    ...overrides,
  };
}
