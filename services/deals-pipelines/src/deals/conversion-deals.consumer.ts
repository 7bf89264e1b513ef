import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Kysely, Transaction } from 'kysely';
import { setTransactionTenant } from '@crm/db-pg';
import { decodePayload, TOPICS } from '@crm/events';
import { IdempotentConsumer } from '@crm/kafka';
import type { Logger } from '@crm/observability';
import type { crm } from '@crm/proto';
import type { DealsPipelinesConfig } from '../config/deals-pipelines.config';
import { CONFIG, DATABASE, KAFKA, LOGGER } from '../deals-pipelines.constants';
import type { DealsDatabase } from './deals.repository';
import { DealsService } from './deals.service';

const CONVERTED = 'com.pipewright.crm.leads.lead.converted.v1';

/**
 * Completes the deal of every committed lead conversion that reserved one, whether or not the
 * gateway got to confirm it (it may have died in between): the confirmation and the processed-event
 * record commit together, and a confirmed deal is never created twice.
 */
@Injectable()
export class ConversionDealsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: IdempotentConsumer<DealsDatabase>;

  constructor(
    @Inject(DATABASE) private readonly db: Kysely<DealsDatabase>,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CONFIG) private readonly config: DealsPipelinesConfig,
    private readonly deals: DealsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.conversionConsumer) return;
    this.consumer = new IdempotentConsumer({
      kafka: this.kafka,
      db: this.db,
      groupId: this.config.conversionConsumerGroup,
      topics: [TOPICS.leadsLead],
      acceptsType: (type) => type === CONVERTED,
      handle: (event, trx) => this.confirm(decodePayload<crm.leads.v1.LeadConverted>(event), event.tenantId, trx),
      onError: (error, event) => this.logger.warn({ err: error, eventId: event?.id }, 'lead conversion event failed'),
    });
    // Joining the group can take a while; the service serves meanwhile, and a failed start is retried.
    void this.startConsumer(this.consumer);
  }

  private async startConsumer(consumer: IdempotentConsumer<DealsDatabase>): Promise<void> {
    for (let attempt = 1; this.consumer === consumer; attempt++) {
      try {
        await consumer.start();
        this.logger.info({ group: this.config.conversionConsumerGroup }, 'lead conversion consumer started');
        return;
      } catch (err) {
        this.logger.error({ err, attempt }, 'lead conversion consumer failed to start; retrying');
        await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** attempt)));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  private async confirm(event: crm.leads.v1.LeadConverted, tenantId: string, trx: Transaction<DealsDatabase>): Promise<void> {
    const c = event.conversion;
    if (!c?.dealId) return;
    const contactId = c.individualId ?? c.organizationId;
    if (!contactId) return;
    await setTransactionTenant(trx, tenantId);
    const confirmed = await this.deals.confirmConversionIn(trx, tenantId, { leadId: c.leadId, dealId: c.dealId, contactId, organizationId: c.organizationId ?? null });
    if (confirmed?.created) this.logger.info({ leadId: c.leadId, dealId: confirmed.deal.id }, 'conversion deal created from the lead.converted event');
  }
}
