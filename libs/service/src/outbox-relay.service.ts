import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import type { Kysely } from 'kysely';
import type { NotificationListener } from '@crm/db-pg';
import { createIdempotentProducer, OUTBOX_CHANNEL, OutboxRelay } from '@crm/kafka';
import type { Logger } from '@crm/observability';
import { DATABASE, KAFKA, LOGGER, NOTIFICATIONS, OUTBOX_RELAY_OPTIONS } from './tokens';

export interface OutboxRelayOptions {
  enabled: boolean;
  /** How often the relay looks for rows when no notice wakes it. */
  pollIntervalMs: number;
  /** How long a pass waits after a notice, so that the commits of that while share it. */
  lingerMs: number;
  /** Advisory-lock key of the service's relay, unique per service database. */
  lockKey: number;
}

/** Runs the outbox relay for the lifetime of the process, woken by PostgreSQL when an outbox write commits. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer?: Producer;
  private relay?: OutboxRelay;

  constructor(
    @Inject(OUTBOX_RELAY_OPTIONS) private readonly options: OutboxRelayOptions,
    @Inject(DATABASE) private readonly db: Kysely<unknown>,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(NOTIFICATIONS) private readonly notifications: NotificationListener,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.enabled) {
      this.logger.warn('outbox relay disabled by configuration');
      return;
    }
    this.producer = createIdempotentProducer(this.kafka);
    await this.producer.connect();
    this.relay = new OutboxRelay(this.db, this.producer, {
      pollIntervalMs: this.options.pollIntervalMs,
      lingerMs: this.options.lingerMs,
      batchSize: 100,
      retentionMs: 24 * 3600 * 1000,
      lockKey: this.options.lockKey,
      onError: (err) => this.logger.error({ err }, 'outbox relay iteration failed'),
    });
    this.relay.start();
    const relay = this.relay;
    await this.notifications.listen(OUTBOX_CHANNEL, () => relay.notify());
    this.logger.info('outbox relay started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
  }
}
