import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type LeadsMessage as Req } from '@crm/proto';
import { DocumentsService } from './documents.service';

/** gRPC transport of documents: translation only. */
@Injectable()
@GrpcService(crm.leads.v1.DocumentsServiceService)
export class DocumentsGrpcController implements AsyncService<crm.leads.v1.DocumentsServiceServer> {
  constructor(private readonly documents: DocumentsService) {}

  async uploadDocument(request: Req<'UploadDocumentRequest'>, ctx: CallContext) {
    const document = await this.documents.upload(ctx.principal, {
      resourceType: request.resourceType,
      resourceId: request.resourceId,
      name: request.name,
      contentType: request.contentType,
      content: Buffer.from(request.content),
    });
    return { document };
  }

  async getDocument(request: Req<'GetDocumentRequest'>, ctx: CallContext) {
    return { document: await this.documents.get(ctx.principal, request.id) };
  }

  async downloadDocument(request: Req<'DownloadDocumentRequest'>, ctx: CallContext) {
    return this.documents.download(ctx.principal, request.id);
  }

  async deleteDocument(request: Req<'DeleteDocumentRequest'>, ctx: CallContext) {
    await this.documents.delete(ctx.principal, request.id);
    return {};
  }

  async listDocuments(request: Req<'ListDocumentsRequest'>, ctx: CallContext) {
    const documents = await this.documents.list(ctx.principal, {
      ...pageOf(request.page),
      ids: request.ids,
      ...(request.resourceType !== undefined ? { resourceType: request.resourceType } : {}),
      ...(request.resourceId !== undefined ? { resourceId: request.resourceId } : {}),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { documents };
  }
}
