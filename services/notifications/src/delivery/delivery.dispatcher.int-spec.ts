import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Connection } from 'mongoose';
import { SMTPServer } from 'smtp-server';
import { connectMongo, ensureCollections } from '@crm/db-mongo';
import { Mailer } from '@crm/mail';
import { createLogger } from '@crm/observability';
import { stack } from '@crm/testing';
import { collectionsOf } from '../collections';
import type { NotificationsConfig } from '../config/notifications.config';
import { EmailSender } from '../email/email.sender';
import { NotificationLinks } from '../email/notification-links';
import { InboxRepository } from '../inbox/inbox.repository';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { PreferencesService } from '../preferences/preferences.service';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryDispatcher } from './delivery.dispatcher';

/** An SMTP server that answers the first `refusals` messages with `code`, then takes them. */
async function smtpServer(refusals: number, code: number) {
  const received: string[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        if (refused < refusals) {
          refused++;
          const err = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code });
          return callback(err);
        }
        received.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, received, port: (server.server.address() as AddressInfo).port };
}

describe(DeliveryDispatcher.name, () => {
  let connection: Connection;
  const dbName = `it_delivery_${randomUUID().slice(0, 8)}`;
  const tenantId = randomUUID();

  beforeAll(async () => {
    connection = await connectMongo({ url: `mongodb://127.0.0.1:${stack.FERRETDB_PORT}/?retryWrites=false`, dbName });
    await ensureCollections(collectionsOf(connection));
    await new ReadModelsRepository(connection).putUser({ tenantId, userId: '2', name: 'Bo Bell', email: 'bo@example.test', role: 'user', status: 'active', reportsTo: null, teamId: null, timezone: 'Europe/Berlin', version: new Date(1) });
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  /** A dispatcher sending through the SMTP server on `port`, and one queued mail for user 2. */
  async function setUp(port: number, maxAttempts: number) {
    const config = {
      delivery: { enabled: true, pollMs: 0, batchSize: 10, leaseMs: 60_000, maxAttempts, retryBaseMs: 50, retryMaxMs: 100 },
      links: { publicBaseUrl: 'https://crm.test', appBaseUrl: 'https://app.test', unsubscribeKey: 'k'.repeat(32) },
    } as NotificationsConfig;
    const mailer = new Mailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'CRM <crm@example.test>', timeoutMs: 5_000, tlsVerify: false });
    const inbox = new InboxRepository(connection);
    const deliveries = new DeliveriesRepository(connection);
    const dispatcher = new DeliveryDispatcher(config, [new EmailSender(mailer, new NotificationLinks(config.links))], deliveries, inbox, new ReadModelsRepository(connection), new PreferencesService(new PreferencesRepository(connection)));
    Object.assign(dispatcher, { logger: createLogger('it-dispatcher', 'silent') });
    const notificationId = randomUUID();
    const now = new Date();
    await inbox.insertAll([{
      _id: notificationId, tenantId, userId: '2', type: 'task_reminder', title: 'Task reminder', body: 'Call', params: { subject: 'Call', detail: '2026-03-01T09:30:00Z' },
      resourceType: 'task', resourceId: '7', actorId: null, eventId: randomUUID(), dedupeKey: randomUUID(), channels: ['web', 'email'], web: true, createdAt: now, read: false, readAt: null, keptUnread: false,
    }]);
    const id = `${notificationId}:2:email`;
    await deliveries.ensure([{ _id: id, tenantId, userId: '2', notificationId, channel: 'email', status: 'pending', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null, createdAt: now, sentAt: null, lastError: null, detail: null }]);
    return { dispatcher, mailer, deliveries, notificationId };
  }

  async function runUntilSettled(dispatcher: DeliveryDispatcher, deliveries: DeliveriesRepository, notificationId: string) {
    for (let i = 0; i < 50; i++) {
      await dispatcher.passNow();
      const [d] = await deliveries.ofNotification(tenantId, notificationId);
      if (d!.status !== 'pending') return d!;
      await new Promise((r) => setTimeout(r, 60));
    }
    throw new Error('the delivery never settled');
  }

  it('tries a mail the server refuses for now again, with growing waits, until it is taken, once', async () => {
    const smtp = await smtpServer(2, 421);
    const { dispatcher, mailer, deliveries, notificationId } = await setUp(smtp.port, 5);
    try {
      const settled = await runUntilSettled(dispatcher, deliveries, notificationId);
      expect(settled).toMatchObject({ status: 'sent', attempts: 3, detail: 'bo@example.test', lastError: expect.stringContaining('try again later') });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toContain('Subject: Reminder: Call');
      expect(smtp.received[0]).toMatch(new RegExp(`Message-ID:\\s+<${notificationId}\\.email@notifications\\.pipewright>`));
      expect(smtp.received[0]).toMatch(/1 Mar 2026, 10:30 CET/);
    } finally {
      mailer.close();
      await new Promise<void>((r) => smtp.server.close(() => r()));
    }
  });

  it('gives up at once on a final refusal, and after the last attempt on a lasting outage', async () => {
    const smtp = await smtpServer(1, 550);
    const first = await setUp(smtp.port, 5);
    try {
      expect(await runUntilSettled(first.dispatcher, first.deliveries, first.notificationId)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('mailbox unavailable') });
    } finally {
      first.mailer.close();
      await new Promise<void>((r) => smtp.server.close(() => r()));
    }
    // Nothing listens on port 1: every attempt fails to connect.
    const down = await setUp(1, 3);
    try {
      expect(await runUntilSettled(down.dispatcher, down.deliveries, down.notificationId)).toMatchObject({ status: 'failed', attempts: 3 });
    } finally {
      down.mailer.close();
    }
  });
});
