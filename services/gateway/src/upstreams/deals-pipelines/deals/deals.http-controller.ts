import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { z } from 'zod';
import { parseSellBody, pathId, sellId } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../../sell/sell-error';
import { readRecordFilter, sellTime, upsertFilter } from '../../../sell/sell-record';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { DEAL_ID_FILTERS, DEAL_SORT_FIELDS, DEAL_STRING_FILTERS } from './deal.attributes';
import { DealWrite, toDealInput } from './deal.dto';
import { presentDeal, presentStageSummary } from './deal.presenter';
import { DealsGatewayService } from './deals.gateway-service';

const OUTCOMES = ['incoming', 'in_progress', 'won', 'lost', 'unqualified'];
export const ASSOCIATED_CONTACT_SORT_FIELDS = ['contact_id', 'role', 'created_at', 'updated_at'] as const;
export const AssociatedContactWrite = z.strictObject({ contact_id: sellId, role: z.string().max(64).nullable().optional(), created_at: z.unknown().optional(), updated_at: z.unknown().optional() });

const presentAssociated = (a: crm.deals.v1.AssociatedContact) => ({ contact_id: Number(a.contactId), role: a.role, created_at: sellTime(a.createdAt), updated_at: sellTime(a.updatedAt) });

/** The filter of a deal list (also what the per-stage view takes). */
function readDealFilter(q: SellQuery): crm.deals.v1.DealFilter {
  const filter = readRecordFilter(q, DEAL_ID_FILTERS, DEAL_STRING_FILTERS, [], []);
  const closeDate = q.date('estimated_close_date');
  if (closeDate !== undefined) filter.estimatedCloseDate = closeDate;
  const hot = q.bool('hot');
  if (hot !== undefined) filter.hot = hot;
  const category = q.oneOf('stage_category', OUTCOMES);
  if (category !== undefined) filter.stageCategory = category;
  if (typeof filter.currency === 'string') filter.currency = filter.currency.toUpperCase();
  return { ownerIds: [], ...filter } as never as crm.deals.v1.DealFilter;
}

/** Sell v2 `/v2/deals`, plus the per-stage view of a pipeline: HTTP ↔ gRPC translation only. */
@Controller('v2/deals')
export class DealsHttpController {
  constructor(private readonly deals: DealsGatewayService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const sort = q.sort('sort_by', DEAL_SORT_FIELDS, 'custom_fields');
    const filter = readDealFilter(q);
    const withTotalCount = q.bool('with_total_count') ?? false;
    q.assertNoUnknown();
    // Sell's default order for deals is by id.
    const { deals, totalCount } = await this.deals.list(principal, { page, perPage, filter, sort: sort.length > 0 ? sort : [{ field: 'id', descending: false }], withTotalCount }).catch(asQueryError);
    const links = pageLinks('/v2/deals', q.normalised(), page, perPage, deals.length === perPage);
    return collection('deal', deals.map((d) => ({ data: presentDeal(d) })), links, totalCount);
  }

  /** Deals and value per stage of `pipeline_id`, over the deals the same filters list. */
  @Get('stage_summary')
  async stageSummary(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const pipelineId = q.id('pipeline_id');
    if (!pipelineId) throw SellHttpError.invalidParam('pipeline_id', 'pipeline_id is required');
    const filter = readDealFilter(q);
    q.assertNoUnknown();
    const stages = await this.deals.summarizeStages(principal, pipelineId, filter).catch(asQueryError);
    return single('deal_stage_summary', presentStageSummary(pipelineId, stages));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, DealWrite, 'deal');
    const { input, paths } = toDealInput(data, 'create');
    return single('deal', presentDeal(await this.deals.create(principal, input, paths)));
  }

  /** Creates a deal, or updates the one the query's filters match (409 when several do). */
  @Post('upsert')
  @HttpCode(200)
  async upsert(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery, @Body() body: unknown) {
    const q = new SellQuery(raw);
    const filter = upsertFilter(q, readDealFilter(q));
    const { input, paths } = toDealInput(parseSellBody(body, DealWrite, 'deal'), 'update');
    return single('deal', presentDeal(await this.deals.upsert(principal, filter, input, paths)));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return single('deal', presentDeal(await this.deals.get(principal, pathId(id, 'deal'))));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const validId = pathId(id, 'deal');
    const data = parseSellBody(body, DealWrite, 'deal');
    const { input, paths } = toDealInput(data, 'update');
    return single('deal', presentDeal(await this.deals.update(principal, validId, input, paths)));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.deals.delete(principal, pathId(id, 'deal'));
  }

  /** Sell `/v2/deals/{id}/associated_contacts`, keyed by contact id. */
  @Get(':id/associated_contacts')
  async associatedContacts(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() raw: RawQuery) {
    const dealId = pathId(id, 'deal');
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const sort = q.sort('sort_by', ASSOCIATED_CONTACT_SORT_FIELDS);
    q.assertNoUnknown();
    const items = await this.deals.listAssociatedContacts(principal, dealId, { page, perPage, sort }).catch(asQueryError);
    return collection('associated_contact', items.map((a) => ({ data: presentAssociated(a) })), pageLinks(`/v2/deals/${dealId}/associated_contacts`, q.normalised(), page, perPage, items.length === perPage));
  }

  @Post(':id/associated_contacts')
  @HttpCode(200)
  async associate(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const dealId = pathId(id, 'deal');
    const data = parseSellBody(body, AssociatedContactWrite, 'associated_contact');
    return single('associated_contact', presentAssociated(await this.deals.associateContact(principal, dealId, data.contact_id, data.role ?? undefined)));
  }

  @Delete(':id/associated_contacts/:contactId')
  @HttpCode(204)
  async dissociate(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('contactId') contactId: string): Promise<void> {
    await this.deals.dissociateContact(principal, pathId(id, 'deal'), pathId(contactId, 'associated_contact'));
  }
}
