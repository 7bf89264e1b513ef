import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type LeadsMessage as Req } from '@crm/proto';
import { SearchService } from './search.service';

/** gRPC transport of search: translation only. */
@Injectable()
@GrpcService(crm.leads.v1.SearchServiceService)
export class SearchGrpcController implements AsyncService<crm.leads.v1.SearchServiceServer> {
  constructor(private readonly searchService: SearchService) {}

  async searchRecords(request: Req<'SearchRecordsRequest'>, ctx: CallContext) {
    return { hits: await this.searchService.find(ctx.principal, request.query, request.resourceTypes, Math.min(50, Math.max(1, request.limit || 10))) };
  }
}
