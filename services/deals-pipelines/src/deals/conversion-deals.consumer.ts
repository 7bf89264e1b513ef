import { Inject, Injectable } from '@nestjs/common';
import type { EventHandlers } from '@crm/kafka';
import { EventConsumer } from '@crm/service';
import type { DealsPipelinesConfig } from '../config/deals-pipelines.config';
import { CONFIG } from '../deals-pipelines.constants';
import { ConversionDealUseCase } from '../use-cases/conversion-deal.use-case';
import type { DealsPipelinesDatabase } from '../database';

/**
 * Completes the deal of every committed lead conversion that reserved one, whether or not the
 * gateway got to confirm it (it may have died in between): the confirmation and the processed-event
 * record commit together, and a confirmed deal is never created twice.
 */
@Injectable()
export class ConversionDealsConsumer extends EventConsumer<DealsPipelinesDatabase> {
  protected readonly groupId: string | undefined;

  constructor(
    @Inject(CONFIG) config: DealsPipelinesConfig,
    private readonly conversionDeal: ConversionDealUseCase,
  ) {
    super();
    this.groupId = config.conversionConsumer ? config.conversionConsumerGroup : undefined;
  }

  protected readonly handlers: EventHandlers<DealsPipelinesDatabase> = {
    leadConverted: async ({ conversion: c }, event, trx) => {
      const contactId = c?.individualId ?? c?.organizationId;
      if (!c?.dealId || !contactId) return;
      const confirmed = await this.conversionDeal.confirmIn(trx, event.tenantId, { leadId: c.leadId, dealId: c.dealId, contactId, organizationId: c.organizationId ?? null });
      if (confirmed?.created) this.logger.info({ leadId: c.leadId, dealId: confirmed.deal.id }, 'conversion deal created from the lead.converted event');
    },
  };
}
