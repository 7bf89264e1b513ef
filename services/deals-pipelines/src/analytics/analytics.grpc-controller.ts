import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DealsMessage as Req } from '@crm/proto';
import { AnalyticsService } from './analytics.service';

const DAY_MS = 24 * 3600 * 1000;

/** gRPC transport of pipeline analytics: translation only. */
@Injectable()
@GrpcService(crm.deals.v1.AnalyticsServiceService)
export class AnalyticsGrpcController implements AsyncService<crm.deals.v1.AnalyticsServiceServer> {
  constructor(private readonly analytics: AnalyticsService) {}

  async summarizeDeals(request: Req<'SummarizeDealsRequest'>, ctx: CallContext) {
    // Without a period: the last 30 days.
    const to = request.to ?? new Date();
    const from = request.from ?? new Date(to.getTime() - 30 * DAY_MS);
    return this.analytics.summarize(ctx.principal, { pipelineId: request.pipelineId, ownerIds: request.ownerIds, from, to });
  }
}
