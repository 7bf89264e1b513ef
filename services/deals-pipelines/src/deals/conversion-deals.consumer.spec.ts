import type { CloudEvent, EventPayload } from '@crm/events';
import type { EventHandlers } from '@crm/kafka';
import { crm } from '@crm/proto';
import type { DealsPipelinesConfig } from '../config/deals-pipelines.config';
import { ConversionDealsConsumer } from './conversion-deals.consumer';
import type { ConversionDealUseCase } from '../use-cases/conversion-deal.use-case';
import type { Trx, DealsPipelinesDatabase } from '../database';

const config = { conversionConsumer: true, conversionConsumerGroup: 'crm.deals-pipelines.lead-conversions' } as DealsPipelinesConfig;
const event = { tenantId: 'tenant-1', id: 'e1' } as CloudEvent;
const trx = {} as Trx;

function consumer(useCase: Partial<ConversionDealUseCase>, settings = config) {
  const sut = new ConversionDealsConsumer(settings, useCase as ConversionDealUseCase);
  (sut as unknown as { logger: { info: () => void } }).logger = { info: () => undefined };
  const internals = sut as unknown as { groupId: string | undefined; handlers: EventHandlers<DealsPipelinesDatabase> };
  return { groupId: internals.groupId, onConverted: (p: EventPayload<'leadConverted'>) => internals.handlers.leadConverted!(p, event, trx) };
}

const converted = (c: Partial<crm.leads.v1.LeadConversion>) => crm.leads.v1.LeadConverted.fromPartial({ conversion: { leadId: '5', ...c } });

describe(ConversionDealsConsumer.name, () => {
  it('consumes in its configured group, and not at all when turned off', () => {
    expect(consumer({}).groupId).toBe('crm.deals-pipelines.lead-conversions');
    expect(consumer({}, { ...config, conversionConsumer: false }).groupId).toBeUndefined();
  });

  describe('leadConverted', () => {
    it('confirms the reserved deal with the person as contact, in the event transaction and tenant', async () => {
      const confirmIn = jest.fn().mockResolvedValue({ created: true, deal: { id: '9' } });
      await consumer({ confirmIn }).onConverted(converted({ dealId: '9', individualId: '7', organizationId: '6' }));
      expect(confirmIn).toHaveBeenCalledWith(trx, 'tenant-1', { leadId: '5', dealId: '9', contactId: '7', organizationId: '6' });
    });

    it('falls back to the organisation when the lead became no person', async () => {
      const confirmIn = jest.fn().mockResolvedValue(undefined);
      await consumer({ confirmIn }).onConverted(converted({ dealId: '9', organizationId: '6' }));
      expect(confirmIn).toHaveBeenCalledWith(trx, 'tenant-1', { leadId: '5', dealId: '9', contactId: '6', organizationId: '6' });
    });

    it('does nothing for a conversion without a deal or without a contact', async () => {
      const confirmIn = jest.fn();
      const sut = consumer({ confirmIn });
      await sut.onConverted(converted({ individualId: '7' }));
      await sut.onConverted(converted({ dealId: '9' }));
      expect(confirmIn).not.toHaveBeenCalled();
    });
  });
});
