import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { TeamMembers } from '../../../auth/team-members';
import { ANALYTICS_CLIENT } from '../deals-pipelines.constants';
import { single } from '../../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../../sell/sell-error';
import { sellAmount, sellTime } from '../../../sell/sell-record';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { Upstream } from '../../../upstream';

const DAY_MS = 24 * 3600 * 1000;
const values = (v: crm.deals.v1.CurrencyAmount[]) => v.map((x) => ({ currency: x.currency, amount: sellAmount(x.amount) }));

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
    const days = q.int('days', 1, 366, 30);
    const from = q.time('from');
    const to = q.time('to') ?? new Date();
    q.assertNoUnknown();
    if (raw.days !== undefined && from !== undefined) throw SellHttpError.invalidParam('days', 'give either days or from/to');
    const ownerIds = await this.teams.narrow(principal, ownerId, teamId);
    const request = { pipelineId, ownerIds, from: from ?? new Date(to.getTime() - days * DAY_MS), to };
    const res = await this.upstream.call(this.client, this.client.summarizeDeals, request, principal).catch(asQueryError);
    return single('deal_summary', {
      pipeline_id: Number(res.pipelineId),
      period: { from: sellTime(request.from), to: sellTime(request.to) },
      stages: res.stages.map((s) => {
        const entered = Number(s.entered);
        return {
          stage_id: Number(s.current!.stageId),
          deal_count: Number(s.current!.dealCount),
          values: values(s.current!.values),
          entered,
          advanced: Number(s.advanced),
          conversion_rate: entered > 0 ? Math.round((Number(s.advanced) / entered) * 10_000) / 10_000 : null,
          average_seconds_in_stage: s.averageSecondsInStage > 0 ? Math.round(s.averageSecondsInStage * 10) / 10 : null,
        };
      }),
      outcomes: Object.fromEntries(res.outcomes.map((o) => [o.category, { deal_count: Number(o.dealCount), values: values(o.values) }])),
    });
  }
}
