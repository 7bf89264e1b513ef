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
      handle: (event, trx) => (event.type === CONVERTED ? this.confirm(decodePayload<crm.leads.v1.LeadConverted>(event), event.tenantId, trx) : Promise.resolve()),
      onError: (error, event) => this.logger.warn({ err: error, eventId: event?.id }, 'lead conversion event failed'),
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private async confirm(event: crm.leads.v1.LeadConverted, tenantId: string, trx: Transaction<DealsDatabase>): Promise<void> {
    const c = event.conversion;
    if (!c?.dealId) return;
    const contactId = c.individualId ?? c.organizationId;
    if (!contactId) return;
    await setTransactionTenant(trx, tenantId);
    const deal = await this.deals.confirmConversionIn(trx, tenantId, { leadId: c.leadId, dealId: c.dealId, contactId, organizationId: c.organizationId ?? null });
    if (deal) this.logger.info({ leadId: c.leadId, dealId: deal.id }, 'conversion deal confirmed');
  }
}
