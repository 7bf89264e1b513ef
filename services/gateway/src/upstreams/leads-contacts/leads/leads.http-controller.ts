import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody, pathId } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError } from '../../../sell/sell-error';
import { readRecordFilter, upsertFilter } from '../../../sell/sell-record';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { LeadWrite, toLeadInput } from './lead.dto';
import { presentLead } from './lead.presenter';
import { LeadsGatewayService } from './leads.gateway-service';
import { LEAD_ID_FILTERS, LEAD_SORT_FIELDS, LEAD_STRING_FILTERS } from './lead.attributes';


/** The filter of a lead list (also what an upsert matches by). */
function readLeadFilter(q: SellQuery) {
  return readRecordFilter(q, LEAD_ID_FILTERS, LEAD_STRING_FILTERS, ['status']);
}

/** Filter and sort of a lead list from its query (also what an export of the list takes). */
export function readLeadListQuery(q: SellQuery) {
  let sort = q.sort('sort_by', LEAD_SORT_FIELDS, 'custom_fields');
  const filter = readLeadFilter(q);
  // Sell's default order: by id for an ids filter, else by last update.
  if (sort.length === 0) sort = [{ field: (filter.ids as string[]).length > 0 ? 'id' : 'updated_at', descending: false }];
  return { filter: filter as never as crm.leads.v1.LeadFilter, sort };
}

/** Sell v2 `/v2/leads`: HTTP ↔ gRPC translation only. */
@Controller('v2/leads')
export class LeadsHttpController {
  constructor(private readonly leads: LeadsGatewayService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const { filter, sort } = readLeadListQuery(q);
    const withTotalCount = q.bool('with_total_count') ?? false;
    q.assertNoUnknown();
    const { leads, totalCount } = await this.leads.list(principal, { page, perPage, filter, sort, withTotalCount }).catch(asQueryError);
    const links = pageLinks('/v2/leads', q.normalised(), page, perPage, leads.length === perPage);
    return collection('lead', leads.map((l) => ({ data: presentLead(l), version: l.version })), links, totalCount);
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, LeadWrite, 'lead');
    const { input } = toLeadInput(data, 'create');
    const lead = await this.leads.create(principal, input);
    return single('lead', presentLead(lead), lead.version);
  }

  /** Creates a lead, or updates the one the query's filters match (409 when several do). */
  @Post('upsert')
  @HttpCode(200)
  async upsert(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery, @Body() body: unknown) {
    const q = new SellQuery(raw);
    const filter = upsertFilter(q, readLeadFilter(q)) as never as crm.leads.v1.LeadFilter;
    const { input, paths } = toLeadInput(parseSellBody(body, LeadWrite, 'lead'), 'update');
    const lead = await this.leads.upsert(principal, filter, input, paths);
    return single('lead', presentLead(lead), lead.version);
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const lead = await this.leads.get(principal, pathId(id, 'lead'));
    return single('lead', presentLead(lead), lead.version);
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const validId = pathId(id, 'lead');
    const data = parseSellBody(body, LeadWrite, 'lead');
    const { input, paths } = toLeadInput(data, 'update');
    const lead = await this.leads.update(principal, validId, input, paths);
    return single('lead', presentLead(lead), lead.version);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.leads.delete(principal, pathId(id, 'lead'));
  }
}


/** Sell `/v2/lead_statuses`: the statuses a lead's `status` holds (fixed; one page holds them all). */
@Controller('v2/lead_statuses')
export class LeadStatusesHttpController {
  constructor(private readonly leads: LeadsGatewayService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    q.assertNoUnknown();
    const statuses = (await this.leads.statuses(principal)).slice((page - 1) * perPage, page * perPage);
    const items = statuses.map((s) => ({ data: { id: Number(s.id), name: s.name, position: s.position } }));
    return collection('lead_status', items, pageLinks('/v2/lead_statuses', q.normalised(), page, perPage, statuses.length === perPage));
  }
}
