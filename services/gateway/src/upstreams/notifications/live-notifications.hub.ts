import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { decodePayload, EVENT_TYPES, parseCloudEvent, TOPICS } from '@crm/events';
import { createKafka } from '@crm/kafka';
import type { Logger } from '@crm/observability';
import type { crm } from '@crm/proto';
import type { GatewayConfig } from '../../config/gateway.config';
import { CONFIG, LOGGER } from '../../gateway.constants';

export type LiveListener = (notification: crm.notifications.v1.NotificationCreated) => void;

/**
 * The notifications this replica's users have open streams for. Each replica reads every
 * `notification.created` with a consumer group of its own that starts at the end (a stream shows
 * what comes while it is open; what came before is read from the inbox), and hands each to the
 * streams of its tenant and user here. So a notification reaches its user whichever replica holds
 * the stream, and no replica keeps state another one needs.
 */
@Injectable()
export class LiveNotificationsHub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private consumer?: Consumer;
  private stopped = false;

  constructor(
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.live.enabled) return;
    void this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
  }

  /** Calls `listener` with each new notification of the user until the returned function is called. */
  listen(tenantId: string, userId: string, listener: LiveListener): () => void {
    const key = `${tenantId}:${userId}`;
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Joins in the background, retrying with back-off while Kafka is away; streams still serve what the inbox has. */
  private async run(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.join();
        return;
      } catch (err) {
        this.logger.warn({ err, attempt }, 'live notifications: could not join Kafka; retrying');
        await this.consumer?.disconnect().catch(() => undefined);
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
      }
    }
  }

  private async join(): Promise<void> {
    const kafka = createKafka({ clientId: 'gateway-live', brokers: this.config.live.kafkaBrokers });
    const consumer = kafka.consumer({ groupId: `crm.gateway.live.${hostname()}.${randomUUID().slice(0, 8)}`, sessionTimeout: 10_000, heartbeatInterval: 3_000 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPICS.notificationsNotification], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (message.headers?.ce_type?.toString() !== EVENT_TYPES.notificationCreated.type) return;
        try {
          const event = parseCloudEvent(topic, message.key, message.value, message.headers ?? {});
          const notification = decodePayload<crm.notifications.v1.NotificationCreated>(event);
          for (const listener of this.listeners.get(`${event.tenantId}:${notification.userId}`) ?? []) listener(notification);
        } catch (err) {
          this.logger.warn({ err, offset: message.offset }, 'live notifications: unreadable event skipped');
        }
      },
    });
  }
}
