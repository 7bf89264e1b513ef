import { z } from 'zod';
import { configFragments, parseConfig } from '@crm/config';

const schema = z.object({
  HTTP_HOST: z.string().default('0.0.0.0'),
  HTTP_PORT: configFragments.port(8080),
  KEYCLOAK_URL: z.string().url().default('http://127.0.0.1:8180'),
  KEYCLOAK_REALM: z.string().default('crm'),
  /** Expected `iss` of access tokens; defaults to <KEYCLOAK_URL>/realms/<KEYCLOAK_REALM>. */
  KEYCLOAK_ISSUER: z.string().url().optional(),
  KEYCLOAK_AUDIENCE: z.string().default('crm-api'),
  /** How long a user's role, reporting line and active state are reused before the directory is asked again. */
  CALLER_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(15_000),
  /** How long what an access token stands for is reused; a revoked token works at most this long. */
  ACCESS_TOKEN_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Verified access tokens kept until they expire, so a client's requests check the signature once per token; 0 turns it off. */
  TOKEN_CACHE_SIZE: z.coerce.number().int().min(0).default(10_000),
  LEADS_CONTACTS_GRPC_URL: z.string().default('127.0.0.1:50051'),
  DEALS_PIPELINES_GRPC_URL: z.string().default('127.0.0.1:50052'),
  DIRECTORY_GRPC_URL: z.string().default('127.0.0.1:50053'),
  SYNC_GRPC_URL: z.string().default('127.0.0.1:50054'),
  CALENDAR_TASKS_GRPC_URL: z.string().default('127.0.0.1:50055'),
  NOTIFICATIONS_GRPC_URL: z.string().default('127.0.0.1:50056'),
  GRPC_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0.1).default(10),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(20),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Largest document upload; keep it equal to DOCUMENT_MAX_BYTES of leads-contacts. */
  DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Largest account logo; keep it equal to ACCOUNT_LOGO_MAX_BYTES of the directory. */
  ACCOUNT_LOGO_MAX_BYTES: z.coerce.number().int().min(1024).max(5 * 1024 * 1024).default(1024 * 1024),
  /** Largest CSV an import accepts; keep it equal to IMPORT_MAX_BYTES of leads-contacts. */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(256 * 1024 * 1024).default(50 * 1024 * 1024),
  /** Public capture form submissions: token buckets per form and per client address (per replica). */
  CAPTURE_RATE_PER_FORM_PER_MINUTE: z.coerce.number().min(1).default(60),
  CAPTURE_RATE_PER_CLIENT_PER_MINUTE: z.coerce.number().min(1).default(10),
  /**
   * Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs); the client
   * address is the last one before them. Default: loopback and private networks, where ingresses run.
   */
  TRUSTED_PROXIES: z.string().default('127.0.0.1/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7'),
  /** Kafka, where the gateway reads the notifications its users' open live streams show. */
  KAFKA_BROKERS: configFragments.kafkaBrokers,
  /** Serve live notification streams (GET /v2/notifications/stream); each replica reads every notification event. */
  LIVE_NOTIFICATIONS_ENABLED: configFragments.bool(true),
  /** Seconds between keep-alive events on an idle stream, so proxies do not close it. */
  LIVE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  LOG_LEVEL: configFragments.logLevel,
  OTEL_EXPORTER_OTLP_ENDPOINT: configFragments.otelEndpoint,
  METRICS_PORT: configFragments.metricsPort(9464),
});

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const c = parseConfig(schema, env);
  return {
    serviceName: 'gateway',
    http: { host: c.HTTP_HOST, port: c.HTTP_PORT, bodyLimit: c.BODY_LIMIT_BYTES, documentMaxBytes: c.DOCUMENT_MAX_BYTES, importMaxBytes: c.IMPORT_MAX_BYTES, accountLogoMaxBytes: c.ACCOUNT_LOGO_MAX_BYTES },
    keycloak: {
      url: c.KEYCLOAK_URL,
      realm: c.KEYCLOAK_REALM,
      issuer: c.KEYCLOAK_ISSUER ?? `${c.KEYCLOAK_URL}/realms/${c.KEYCLOAK_REALM}`,
      audience: c.KEYCLOAK_AUDIENCE,
      tokenCacheSize: c.TOKEN_CACHE_SIZE,
    },
    // gRPC messages carry whole files; leave room for the rest of the message.
    services: { leadsContacts: c.LEADS_CONTACTS_GRPC_URL, dealsPipelines: c.DEALS_PIPELINES_GRPC_URL, directory: c.DIRECTORY_GRPC_URL, sync: c.SYNC_GRPC_URL, calendarTasks: c.CALENDAR_TASKS_GRPC_URL, notifications: c.NOTIFICATIONS_GRPC_URL, timeoutMs: c.GRPC_TIMEOUT_MS, maxMessageBytes: Math.max(c.DOCUMENT_MAX_BYTES, c.IMPORT_MAX_BYTES) + 1024 * 1024 },
    callers: { userTtlMs: c.CALLER_CACHE_TTL_MS, accessTokenTtlMs: c.ACCESS_TOKEN_CACHE_TTL_MS },
    rateLimit: { perSecond: c.RATE_LIMIT_PER_SECOND, burst: c.RATE_LIMIT_BURST },
    captureRateLimit: { perFormPerMinute: c.CAPTURE_RATE_PER_FORM_PER_MINUTE, perClientPerMinute: c.CAPTURE_RATE_PER_CLIENT_PER_MINUTE },
    live: { enabled: c.LIVE_NOTIFICATIONS_ENABLED, kafkaBrokers: c.KAFKA_BROKERS, heartbeatMs: c.LIVE_HEARTBEAT_SECONDS * 1000 },
    trustedProxies: c.TRUSTED_PROXIES.split(',').map((p) => p.trim()).filter(Boolean),
    logLevel: c.LOG_LEVEL,
    otlpEndpoint: c.OTEL_EXPORTER_OTLP_ENDPOINT,
    metricsPort: c.METRICS_PORT,
  } as const;
}
