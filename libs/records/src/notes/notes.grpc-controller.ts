import { Injectable } from '@nestjs/common';
import { GrpcService, rowsOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type CommonMessage as Req } from '@crm/proto';
import { NotesService } from './notes.service';

/** gRPC transport of notes: translation only. */
@Injectable()
@GrpcService(crm.common.v1.NotesServiceService)
export class NotesGrpcController implements AsyncService<crm.common.v1.NotesServiceServer> {
  constructor(private readonly notes: NotesService) {}

  async createNote(request: Req<'CreateNoteRequest'>, ctx: CallContext) {
    return { note: await this.notes.create(ctx.principal, request) };
  }

  async getNote(request: Req<'GetNoteRequest'>, ctx: CallContext) {
    return { note: await this.notes.get(ctx.principal, request.id) };
  }

  async updateNote(request: Req<'UpdateNoteRequest'>, ctx: CallContext) {
    return {
      note: await this.notes.update(ctx.principal, request.id, {
        ...(request.content !== undefined ? { content: request.content } : {}),
        ...(request.isImportant !== undefined ? { isImportant: request.isImportant } : {}),
        ...(request.replaceTags ? { tags: request.tags } : {}),
      }),
    };
  }

  async deleteNote(request: Req<'DeleteNoteRequest'>, ctx: CallContext) {
    await this.notes.delete(ctx.principal, request.id);
    return {};
  }

  async listNotes(request: Req<'ListNotesRequest'>, ctx: CallContext) {
    const { items, totalCount } = await this.notes.list(ctx.principal, {
      ...rowsOf(request),
      withTotalCount: request.withTotalCount,
      ids: request.ids,
      ...(request.resourceType !== undefined ? { resourceType: request.resourceType } : {}),
      ...(request.resourceId !== undefined ? { resourceId: request.resourceId } : {}),
      ...(request.creatorId !== undefined ? { creatorId: request.creatorId } : {}),
      ...(request.query !== undefined ? { query: request.query } : {}),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { notes: items, ...(totalCount !== undefined ? { totalCount: String(totalCount) } : {}) };
  }
}
