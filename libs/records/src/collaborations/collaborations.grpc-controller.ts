import { Injectable } from '@nestjs/common';
import { GrpcService, rowsOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type CommonMessage as Req } from '@crm/proto';
import { CollaborationsService } from './collaborations.service';

/** gRPC transport of collaborations: translation only. */
@Injectable()
@GrpcService(crm.common.v1.CollaborationsServiceService)
export class CollaborationsGrpcController implements AsyncService<crm.common.v1.CollaborationsServiceServer> {
  constructor(private readonly collaborations: CollaborationsService) {}

  async createCollaboration(request: Req<'CreateCollaborationRequest'>, ctx: CallContext) {
    return { collaboration: await this.collaborations.create(ctx.principal, request) };
  }

  async getCollaboration(request: Req<'GetCollaborationRequest'>, ctx: CallContext) {
    return { collaboration: await this.collaborations.get(ctx.principal, request.id) };
  }

  async deleteCollaboration(request: Req<'DeleteCollaborationRequest'>, ctx: CallContext) {
    await this.collaborations.delete(ctx.principal, request.id);
    return {};
  }

  async listCollaborations(request: Req<'ListCollaborationsRequest'>, ctx: CallContext) {
    const { items, totalCount } = await this.collaborations.list(ctx.principal, {
      ...rowsOf(request),
      withTotalCount: request.withTotalCount,
      ids: request.ids,
      ...(request.resourceType !== undefined ? { resourceType: request.resourceType } : {}),
      ...(request.resourceId !== undefined ? { resourceId: request.resourceId } : {}),
      ...(request.creatorId !== undefined ? { creatorId: request.creatorId } : {}),
      ...(request.collaboratorId !== undefined ? { collaboratorId: request.collaboratorId } : {}),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { collaborations: items, ...(totalCount !== undefined ? { totalCount: String(totalCount) } : {}) };
  }
}
