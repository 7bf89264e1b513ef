import { Injectable } from '@nestjs/common';
import type { AsyncService, CallContext } from '@crm/grpc';
import type { crm } from '@crm/proto';
import { SearchService } from './search.service';

type V1 = typeof crm.leads.v1;
type Req<K extends keyof V1> = V1[K] extends { decode(...args: never[]): infer T } ? T : never;

/** gRPC transport of search: translation only. */
@Injectable()
export class SearchGrpcController implements AsyncService<crm.leads.v1.SearchServiceServer> {
  constructor(private readonly searchService: SearchService) {}

  async searchRecords(request: Req<'SearchRecordsRequest'>, ctx: CallContext) {
    return { hits: await this.searchService.find(ctx.principal, request.query, request.resourceTypes, Math.min(50, Math.max(1, request.limit || 10))) };
  }
}
