import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { TeamMembers } from '../../../auth/team-members';
import { ANALYTICS_CLIENT } from '../deals-pipelines.constants';
import { single } from '../../../sell/sell-envelope';
import { asQueryError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { Upstream } from '../../../upstream';
import { presentDealSummary } from './deal-summary.presenter';
import { readPeriod } from './period';

/**
 * The dashboard's deal summary of a pipeline: deals and value per stage now; won, lost and
 * unqualified deals of the period; per stage, the share of entering deals that moved on and the
 * mean time spent in it. Filters: owner_id, team_id (a manager and their direct reports), a period
 * (`days`, default 30, or `from`/`to`); always within what the caller may see.
 */
@Controller('v2/analytics')
export class AnalyticsHttpController {
  constructor(
    @Inject(ANALYTICS_CLIENT) private readonly client: crm.deals.v1.AnalyticsServiceClient,
    private readonly teams: TeamMembers,
    private readonly upstream: Upstream,
  ) {}

  @Get('deal_summary')
  async dealSummary(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const pipelineId = q.id('pipeline_id') ?? '0';
    const ownerId = q.id('owner_id');
    const teamId = q.id('team_id');
    const period = readPeriod(q);
    q.assertNoUnknown();
    const ownerIds = await this.teams.narrow(principal, ownerId, teamId);
    const res = await this.upstream.call(this.client, this.client.summarizeDeals, { pipelineId, ownerIds, ...period }, principal).catch(asQueryError);
    return single('deal_summary', presentDealSummary(res, period));
  }
}
