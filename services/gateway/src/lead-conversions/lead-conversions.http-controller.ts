import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../auth/auth.guard';
import { DealWrite, toDealInput } from '../upstreams/deals-pipelines/deals/deal.dto';
import { parseSellBody, sellId } from '../sell/sell-body';
import { collection, single } from '../sell/sell-envelope';
import { SellQuery, type RawQuery } from '../sell/sell-query';
import { sellIdOrNull, sellTime } from '../sell/sell-record';
import { LeadConversionsGatewayService } from './lead-conversions.gateway-service';

/** The deal a conversion creates: a deal's attributes but its contact, which the conversion makes. */
export const ConversionDeal = DealWrite.omit({ contact_id: true });
export const LeadConversionCreate = z.strictObject({ lead_id: sellId, create_deal: z.boolean().optional(), deal: ConversionDeal.optional() });
const MAX_PAGE = 50;

function present(c: crm.leads.v1.LeadConversion) {
  return {
    id: Number(c.id),
    lead_id: Number(c.leadId),
    individual_id: sellIdOrNull(c.individualId),
    organization_id: sellIdOrNull(c.organizationId),
    deal_id: sellIdOrNull(c.dealId),
    creator_id: sellIdOrNull(c.creatorId),
    created_at: sellTime(c.createdAt),
  };
}

/** Sell `/v2/lead_conversions`: newest first; `page` up to 50, later records through the cursor in `next_page`. */
@Controller('v2/lead_conversions')
export class LeadConversionsHttpController {
  constructor(private readonly conversions: LeadConversionsGatewayService) {}

  @Post()
  @HttpCode(200)
  async convert(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, LeadConversionCreate, 'lead_conversion');
    // A deal is created when asked for (create_deal) or described (deal).
    const deal = data.create_deal === false ? undefined : data.deal !== undefined || data.create_deal ? toDealInput(data.deal ?? {}, 'create') : undefined;
    return single('lead_conversion', present(await this.conversions.convert(principal, data.lead_id, deal)));
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const page = q.int('page', 1, MAX_PAGE, 1);
    const perPage = q.int('per_page', 1, 200, 25);
    const cursor = q.id('cursor');
    const filters = { leadId: q.id('lead_id'), individualId: q.id('individual_id'), organizationId: q.id('organization_id'), dealId: q.id('deal_id') };
    q.assertNoUnknown();
    const conversions = await this.conversions.list(principal, {
      beforeId: cursor ?? '0',
      limit: perPage,
      offset: cursor ? 0 : (page - 1) * perPage,
      ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
    } as crm.leads.v1.ListLeadConversionsRequest);
    const next = new URLSearchParams(Object.entries({ per_page: String(perPage), lead_id: filters.leadId, individual_id: filters.individualId, organization_id: filters.organizationId, deal_id: filters.dealId }).filter((e): e is [string, string] => e[1] !== undefined));
    if (conversions.length === perPage) next.set('cursor', conversions[conversions.length - 1]!.id);
    return collection('lead_conversion', conversions.map((c) => ({ data: present(c) })), conversions.length === perPage ? { next_page: `/v2/lead_conversions?${next.toString()}` } : {});
  }
}
