import { Inject, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Transaction } from 'kysely';
import { EventConsumerHost, type ContextEventHandlers, type EventLedger } from '@crm/kafka';
import type { Logger } from '@crm/observability';
import { EVENT_LEDGER, KAFKA, LOGGER } from './tokens';

/**
 * A service's Kafka consumer. A subclass names its group and its handlers, keyed by event types
 * of the registry, each calling one service method; this base hosts it for the life of the
 * process (background join with back-off, drain on shutdown) through {@link EventConsumerHost},
 * recording applied events in the ledger of the service's store. `Ctx` is what the handlers
 * write with: a transaction for PostgreSQL ({@link EventConsumer}), nothing for MongoDB.
 */
export abstract class ContextEventConsumer<Ctx> implements OnApplicationBootstrap, OnApplicationShutdown {
  @Inject(KAFKA) private readonly kafka!: Kafka;
  @Inject(EVENT_LEDGER) private readonly ledger!: EventLedger<Ctx>;
  @Inject(LOGGER) protected readonly logger!: Logger;
  private host?: EventConsumerHost<Ctx>;

  /** The consumer group (`crm.<service>.<purpose>`), or undefined when configuration turns the consumer off. */
  protected abstract readonly groupId: string | undefined;
  protected abstract readonly handlers: ContextEventHandlers<Ctx>;
  /** Where a new group starts reading: the topics' beginning (the default) or only what comes next. */
  protected readonly fromBeginning: boolean | undefined = undefined;

  onApplicationBootstrap(): void {
    if (this.groupId === undefined) {
      this.logger.warn({ consumer: this.constructor.name }, 'consumer disabled by configuration');
      return;
    }
    this.host = new EventConsumerHost({ kafka: this.kafka, ledger: this.ledger, groupId: this.groupId, handlers: this.handlers, logger: this.logger, ...(this.fromBeginning === undefined ? {} : { fromBeginning: this.fromBeginning }) });
    this.host.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host?.stop();
  }
}

/** A consumer of a PostgreSQL-backed service: each handler writes in the transaction that records the event. */
export abstract class EventConsumer<DB> extends ContextEventConsumer<Transaction<DB>> {}
