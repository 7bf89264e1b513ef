import type { Server } from 'node:http';
import { checkLocalStack, createTestDatabase, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { dealsPipelinesEnv, directoryEnv, E2E, gatewayEnv, leadsContactsEnv } from './e2e-env';
import { startOtlpReceiver } from './otlp-receiver';
import { runServiceCommand, startService, waitForHttp, type ServiceProcess } from './service-process';

export interface E2eState {
  database: TestDatabase;
  dealsDatabase: TestDatabase;
  directoryDatabase: TestDatabase;
  receiver: Server;
  services: ServiceProcess[];
}

declare global {
  var __E2E__: E2eState | undefined;
}

/** Starts the system under test: fresh databases, leads-contacts, deals-pipelines, the directory, the gateway and a trace receiver. */
export default async function globalSetup(): Promise<void> {
  await checkLocalStack();
  const database = await createTestDatabase('e2e_leads');
  const dealsDatabase = await createTestDatabase('e2e_deals');
  const directoryDatabase = await createTestDatabase('e2e_directory');
  const receiver = await startOtlpReceiver(E2E.otlpPort);
  const services: ServiceProcess[] = [];
  globalThis.__E2E__ = { database, dealsDatabase, directoryDatabase, receiver, services };
  await runServiceCommand('leads-contacts', leadsContactsEnv(database.appUrl, { DB_MIGRATION_URL: database.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
  services.push(startService('leads-contacts', 'leads-contacts', leadsContactsEnv(database.appUrl)));
  await runServiceCommand('deals-pipelines', dealsPipelinesEnv(dealsDatabase.appUrl, { DB_MIGRATION_URL: dealsDatabase.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
  services.push(startService('deals-pipelines', 'deals-pipelines', dealsPipelinesEnv(dealsDatabase.appUrl)));
  await runServiceCommand('directory', directoryEnv(directoryDatabase.appUrl, { DB_MIGRATION_URL: directoryDatabase.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
  services.push(startService('directory', 'directory', directoryEnv(directoryDatabase.appUrl)));
  services.push(startService('gateway', 'gateway', gatewayEnv()));
  await waitForHttp(`http://127.0.0.1:${E2E.leadsHttpPort}/readyz`);
  await waitForHttp(`http://127.0.0.1:${E2E.dealsHttpPort}/readyz`);
  await waitForHttp(`http://127.0.0.1:${E2E.directoryHttpPort}/readyz`);
  await waitForHttp(`${E2E.gatewayUrl}/readyz`);
}
