import { keycloakIssuer, stack } from '@crm/testing';

/** Ports of the system under test; chosen away from the development defaults so both can run. */
export const E2E = {
  gatewayPort: 18080,
  leadsGrpcPort: 50151,
  leadsHttpPort: 18081,
  otlpPort: 14318,
  gatewayUrl: 'http://127.0.0.1:18080',
  otlpUrl: 'http://127.0.0.1:14318',
  database: 'crm_e2e_leads_contacts',
} as const;

export function leadsContactsEnv(dbUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: String(E2E.leadsGrpcPort),
    HTTP_PORT: String(E2E.leadsHttpPort),
    DB_URL: dbUrl,
    KAFKA_BROKERS: stack.KAFKA_BROKERS.join(','),
    OUTBOX_POLL_INTERVAL_MS: '50',
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: E2E.otlpUrl,
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
    KEYCLOAK_GATEWAY_CLIENT_SECRET: 'crm-gateway-dev-secret',
    LEADS_CONTACTS_GRPC_URL: `127.0.0.1:${E2E.leadsGrpcPort}`,
    // High enough for the suite; the 429 test runs its own gateway with a tiny limit.
    RATE_LIMIT_PER_SECOND: '1000',
    RATE_LIMIT_BURST: '1000',
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: E2E.otlpUrl,
    ...overrides,
  };
}
