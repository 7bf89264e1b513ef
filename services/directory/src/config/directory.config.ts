import { z } from 'zod';
import { configFragments, parseConfig, serviceConfigShape, serviceSettings } from '@crm/config';
import { storageConfigShape } from '@crm/storage';

const schema = z.object({
  ...serviceConfigShape({ grpc: 50053, http: 8083, metrics: 9467 }),
  KEYCLOAK_URL: z.string().url().default('http://127.0.0.1:8180'),
  KEYCLOAK_REALM: z.string().default('crm'),
  KEYCLOAK_DIRECTORY_CLIENT_ID: z.string().default('crm-directory'),
  KEYCLOAK_DIRECTORY_CLIENT_SECRET: z.string().min(1),
  /** Whether this process copies Keycloak's users into the directory. */
  USER_SYNC_ENABLED: configFragments.bool(true),
  /** Milliseconds between two copies; changes made in Keycloak itself show after at most this long. */
  USER_SYNC_INTERVAL_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Largest account logo accepted; keep equal to the gateway's. */
  ACCOUNT_LOGO_MAX_BYTES: z.coerce.number().int().min(1024).max(5 * 1024 * 1024).default(1024 * 1024),
  /** How often replaced logos are removed from storage. */
  OBJECT_PURGE_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** How long the link of an invitation email stays valid. */
  INVITATION_LIFESPAN_SECONDS: z.coerce.number().int().min(300).max(30 * 24 * 3600).default(7 * 24 * 3600),
  /** The Keycloak client and redirect URI an invited user lands on after setting a password (both optional). */
  INVITATION_CLIENT_ID: z.string().min(1).optional(),
  INVITATION_REDIRECT_URI: z.string().url().optional(),
  ...storageConfigShape,
});

export type DirectoryConfig = ReturnType<typeof loadDirectoryConfig>;

export function loadDirectoryConfig(env: NodeJS.ProcessEnv = process.env) {
  const c = parseConfig(schema, env);
  return {
    ...serviceSettings('directory', c),
    keycloak: { baseUrl: c.KEYCLOAK_URL, realm: c.KEYCLOAK_REALM, clientId: c.KEYCLOAK_DIRECTORY_CLIENT_ID, clientSecret: c.KEYCLOAK_DIRECTORY_CLIENT_SECRET },
    userSync: { enabled: c.USER_SYNC_ENABLED, intervalMs: c.USER_SYNC_INTERVAL_MS },
    storage: c,
    invitations: { lifespanSeconds: c.INVITATION_LIFESPAN_SECONDS, clientId: c.INVITATION_CLIENT_ID, redirectUri: c.INVITATION_REDIRECT_URI },
    logo: { maxBytes: c.ACCOUNT_LOGO_MAX_BYTES, purgeIntervalMs: c.OBJECT_PURGE_INTERVAL_MS },
  };
}
