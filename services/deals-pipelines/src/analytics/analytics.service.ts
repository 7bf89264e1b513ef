import { Inject, Injectable } from '@nestjs/common';
import { narrowOwners, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { DATABASE } from '../deals-pipelines.constants';
import { DealsService } from '../deals/deals.service';
import { PipelinesError } from '../pipelines/pipelines.errors';
import { PipelinesService } from '../pipelines/pipelines.service';
import { AnalyticsRepository, type AnalyticsScope } from './analytics.repository';
import type { Database } from '../database';

const OUTCOMES = ['won', 'lost', 'unqualified'] as const;
/** The longest period one summary covers. */
const MAX_PERIOD_MS = 366 * 24 * 3600 * 1000;

/** The dashboard's deal summary: where deals are now, what closed in a period, and how deals flow. */
@Injectable()
export class AnalyticsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly analytics: AnalyticsRepository,
    private readonly deals: DealsService,
    private readonly pipelines: PipelinesService,
  ) {}

  async summarize(principal: Principal, q: { pipelineId: string; ownerIds: string[]; from: Date; to: Date }): Promise<crm.deals.v1.SummarizeDealsResponse> {
    if (!(q.from < q.to) || q.to.getTime() - q.from.getTime() > MAX_PERIOD_MS) {
      const violations = [{ field: 'period', code: 'incorrect_value', message: 'must start before it ends and span at most 366 days' }];
      throw new DomainError('INVALID_ANALYTICS_QUERY', ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'deal_summary', violations });
    }
    const ownerIds = narrowOwners(principal, q.ownerIds);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const pipelinesTrx = trx;
      const pipelineId = q.pipelineId === '0' ? (await this.pipelines.defaultStage(pipelinesTrx, principal.tenantId)).pipeline_id : q.pipelineId;
      const stages = await this.pipelines.stagesOf(pipelinesTrx, pipelineId);
      if (stages.length === 0) throw PipelinesError.notFound('pipeline', pipelineId);
      const scope: AnalyticsScope = { pipelineId, ownerIds, from: q.from, to: q.to };
      const [current, flow, outcomes] = [
        await this.deals.totalsIn(trx, principal, pipelineId, { ids: [], customFields: [], tags: [], timeRanges: [], ownerIds: q.ownerIds }, stages),
        await this.analytics.stageFlow(trx, scope),
        await this.analytics.outcomes(trx, scope),
      ];
      return {
        pipelineId,
        stages: current.map((total) => {
          const f = flow.find((r) => r.stage_id === total.stageId);
          return { current: total, entered: f?.entered ?? '0', advanced: f?.advanced ?? '0', averageSecondsInStage: f?.average_seconds ?? 0 };
        }),
        outcomes: OUTCOMES.map((category) => {
          const rows = outcomes.filter((o) => o.stage_category === category).sort((a, b) => a.currency.localeCompare(b.currency));
          return { category, dealCount: String(rows.reduce((n, r) => n + Number(r.deal_count), 0)), values: rows.map((r) => ({ currency: r.currency, amount: r.total })) };
        }),
      };
    });
  }
}
