import { Injectable } from '@nestjs/common';
import { GrpcService, rowsOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type CommonMessage as Req } from '@crm/proto';
import { TagsService } from './tags.service';

/** gRPC transport of tags: translation only. */
@Injectable()
@GrpcService(crm.common.v1.TagsServiceService)
export class TagsGrpcController implements AsyncService<crm.common.v1.TagsServiceServer> {
  constructor(private readonly tags: TagsService) {}

  async createTag(request: Req<'CreateTagRequest'>, ctx: CallContext) {
    return { tag: await this.tags.create(ctx.principal, request) };
  }

  async getTag(request: Req<'GetTagRequest'>, ctx: CallContext) {
    return { tag: await this.tags.get(ctx.principal, request.id) };
  }

  async updateTag(request: Req<'UpdateTagRequest'>, ctx: CallContext) {
    return { tag: await this.tags.rename(ctx.principal, request.id, request.name) };
  }

  async deleteTag(request: Req<'DeleteTagRequest'>, ctx: CallContext) {
    await this.tags.delete(ctx.principal, request.id);
    return {};
  }

  async listTags(request: Req<'ListTagsRequest'>, ctx: CallContext) {
    const { items, totalCount } = await this.tags.list(ctx.principal, {
      ...rowsOf(request),
      withTotalCount: request.withTotalCount,
      ids: request.ids,
      ...(request.resourceType !== undefined ? { resourceType: request.resourceType } : {}),
      ...(request.name !== undefined ? { name: request.name } : {}),
      ...(request.creatorId !== undefined ? { creatorId: request.creatorId } : {}),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { tags: items, ...(totalCount !== undefined ? { totalCount: String(totalCount) } : {}) };
  }
}
