import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import type { Kysely } from 'kysely';
import { createIdempotentProducer, OutboxRelay } from '@crm/kafka';
import type { Logger } from '@crm/observability';
import type { LeadsContactsConfig } from '../config/leads-contacts.config';
import { CONFIG, DATABASE, KAFKA, LOGGER } from '../leads-contacts.constants';

/** Advisory-lock key of this service's relay (unique per service database). */
const RELAY_LOCK_KEY = 4_201;

/** Runs the outbox relay for the lifetime of the process. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer?: Producer;
  private relay?: OutboxRelay;

  constructor(
    @Inject(CONFIG) private readonly config: LeadsContactsConfig,
    @Inject(DATABASE) private readonly db: Kysely<unknown>,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.outbox.relayEnabled) {
      this.logger.warn('outbox relay disabled by configuration');
      return;
    }
    this.producer = createIdempotentProducer(this.kafka);
    await this.producer.connect();
    this.relay = new OutboxRelay(this.db, this.producer, {
      pollIntervalMs: this.config.outbox.pollIntervalMs,
      batchSize: 100,
      retentionMs: 24 * 3600 * 1000,
      lockKey: RELAY_LOCK_KEY,
      onError: (err) => this.logger.error({ err }, 'outbox relay iteration failed'),
    });
    this.relay.start();
    this.logger.info('outbox relay started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
  }
}
