import { KeycloakAdminClient } from '@crm/auth';
import { createLogger } from '@crm/observability';
import { stack } from '@crm/testing';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AccountsService } from '../accounts/accounts.service';
import { loadDirectoryConfig } from '../config/directory.config';
import type { Database } from '../database';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { KeycloakSyncWorker } from './keycloak-sync.worker';

/** Integration tests: the local Keycloak's Admin API as the directory's service account sees it. */
export const testKeycloak = () =>
  new KeycloakAdminClient({ baseUrl: stack.KEYCLOAK_URL, realm: stack.KEYCLOAK_REALM, clientId: 'crm-directory', clientSecret: 'crm-directory-dev-secret' });

/** Integration tests: a sync worker over `db` and the local Keycloak, outside Nest, with its services. */
export function testSyncWorker(db: Database, dbUrl: string) {
  const users = new UsersService(db, new UsersRepository());
  const accounts = new AccountsService(db, new AccountsRepository());
  const config = loadDirectoryConfig({ DB_URL: dbUrl, KEYCLOAK_URL: stack.KEYCLOAK_URL, KEYCLOAK_DIRECTORY_CLIENT_SECRET: 'crm-directory-dev-secret' });
  const worker = Object.assign(new KeycloakSyncWorker(config, testKeycloak(), users, accounts), { logger: createLogger('directory-test', 'silent') });
  return { worker, users, accounts, config };
}
