import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type CommonMessage as Req } from '@crm/proto';
import { ReferenceListsService } from './reference-lists.service';

/** gRPC transport of reference lists: translation only. */
@Injectable()
@GrpcService(crm.common.v1.ReferenceListsServiceService)
export class ReferenceListsGrpcController implements AsyncService<crm.common.v1.ReferenceListsServiceServer> {
  constructor(private readonly lists: ReferenceListsService) {}

  async createReferenceItem(request: Req<'CreateReferenceItemRequest'>, ctx: CallContext) {
    return { item: await this.lists.create(ctx.principal, this.lists.list(request.list), request.name) };
  }

  async getReferenceItem(request: Req<'GetReferenceItemRequest'>, ctx: CallContext) {
    return { item: await this.lists.get(ctx.principal, this.lists.list(request.list), request.id) };
  }

  async updateReferenceItem(request: Req<'UpdateReferenceItemRequest'>, ctx: CallContext) {
    return { item: await this.lists.rename(ctx.principal, this.lists.list(request.list), request.id, request.name) };
  }

  async deleteReferenceItem(request: Req<'DeleteReferenceItemRequest'>, ctx: CallContext) {
    await this.lists.delete(ctx.principal, this.lists.list(request.list), request.id);
    return {};
  }

  async listReferenceItems(request: Req<'ListReferenceItemsRequest'>, ctx: CallContext) {
    const items = await this.lists.listItems(ctx.principal, this.lists.list(request.list), {
      ...pageOf(request.page),
      ids: request.ids,
      ...(request.name !== undefined ? { name: request.name } : {}),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { items };
  }
}
