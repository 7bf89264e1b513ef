import type { Server } from 'node:http';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@crm/events';
import { checkLocalStack, createTestDatabase, stack, startGroupAtEnd, TEST_APP_ROLE, type TestDatabase } from '@crm/testing';
import { calendarTasksEnv, dealsPipelinesEnv, directoryEnv, E2E, gatewayEnv, leadsContactsEnv, notificationsEnv, syncEnv } from './e2e-env';
import { startOtlpReceiver } from './otlp-receiver';
import { createPushReceiverCertificate } from './push-receiver';
import { runServiceCommand, startService, waitForHttp, type ServiceProcess } from './service-process';

export interface E2eState {
  database: TestDatabase;
  dealsDatabase: TestDatabase;
  directoryDatabase: TestDatabase;
  syncDatabase: TestDatabase;
  calendarTasksDatabase: TestDatabase;
  receiver: Server;
  services: ServiceProcess[];
}

declare global {
  var __E2E__: E2eState | undefined;
}

/** Starts the system under test: fresh databases, leads-contacts, deals-pipelines, the directory, sync, calendar-tasks, notifications, the gateway and a trace receiver. */
export default async function globalSetup(): Promise<void> {
  await checkLocalStack();
  const database = await createTestDatabase('e2e_leads');
  const dealsDatabase = await createTestDatabase('e2e_deals');
  const directoryDatabase = await createTestDatabase('e2e_directory');
  const syncDatabase = await createTestDatabase('e2e_sync');
  const calendarTasksDatabase = await createTestDatabase('e2e_calendar_tasks');
  const receiver = await startOtlpReceiver(E2E.otlpPort);
  const services: ServiceProcess[] = [];
  globalThis.__E2E__ = { database, dealsDatabase, directoryDatabase, syncDatabase, calendarTasksDatabase, receiver, services };
  // Sync first: its copy starts with what comes after it joined, so it sees every other service's events.
  await runServiceCommand('sync', syncEnv(syncDatabase.appUrl, { DB_MIGRATION_URL: syncDatabase.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
  services.push(startService('sync', 'sync', syncEnv(syncDatabase.appUrl)));
  // calendar-tasks next, for the same reason: it follows the records' deletions and conversions.
  await runServiceCommand('calendar-tasks', calendarTasksEnv(calendarTasksDatabase.appUrl, { DB_MIGRATION_URL: calendarTasksDatabase.ownerUrl, DB_RUNTIME_ROLE: TEST_APP_ROLE }), ['migrate']);
  services.push(startService('calendar-tasks', 'calendar-tasks', calendarTasksEnv(calendarTasksDatabase.appUrl)));
  // notifications too: it keeps the directory's users from their events, which the directory sends as it starts.
  await createPushReceiverCertificate();
  await runServiceCommand('notifications', notificationsEnv(), ['migrate']);
  await startGroupAtEnd(E2E.notificationsGroup, Object.values(TOPICS));
  services.push(startService('notifications', 'notifications', notificationsEnv()));
  await waitForHttp(`http://127.0.0.1:${E2E.syncHttpPort}/readyz`);
  await waitForHttp(`http://127.0.0.1:${E2E.calendarTasksHttpPort}/readyz`);
  await waitForConsumerGroup(E2E.syncGroup);
  await waitForConsumerGroup(E2E.calendarTasksRecordsGroup);
  await waitForHttp(`http://127.0.0.1:${E2E.notificationsHttpPort}/readyz`);
  await waitForConsumerGroup(E2E.notificationsGroup);
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

/** Waits until a consumer group has joined and holds its partitions: one that starts at the end of the topics reads everything after this. */
async function waitForConsumerGroup(groupId: string): Promise<void> {
  const admin = new Kafka({ brokers: [...stack.KAFKA_BROKERS], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { groups } = await admin.describeGroups([groupId]);
      if (groups[0]?.state === 'Stable' && groups[0].members.length > 0) return;
      if (Date.now() > deadline) throw new Error(`consumer group ${groupId} did not join within 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
}
