import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import type { GatewayConfig } from '../../../config/gateway.config';
import { CONFIG } from '../../../gateway.constants';
import { DOCUMENTS_CLIENT } from '../leads-contacts.constants';
import { readRawBody } from '../../../sell/raw-body';
import { pathId } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { sellIdOrNull, sellTime } from '../../../sell/sell-record';
import { Upstream } from '../../../upstream';

export const DOCUMENT_SORT_FIELDS = ['id', 'name', 'size', 'created_at', 'updated_at'] as const;

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sell `/v2/documents`: files attached to leads and contacts, plus upload and download. */
@Controller('v2/documents')
export class DocumentsHttpController {
  constructor(
    @Inject(DOCUMENTS_CLIENT) private readonly client: crm.leads.v1.DocumentsServiceClient,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly upstream: Upstream,
  ) {}


  private present(d: crm.leads.v1.Document, request: FastifyRequest) {
    return {
      id: Number(d.id),
      creator_id: sellIdOrNull(d.creatorId),
      resource_type: d.resourceType,
      resource_id: Number(d.resourceId),
      name: d.name,
      content_type: d.contentType,
      size: Number(d.size),
      sha256: d.sha256,
      download_url: `${request.protocol}://${request.host}/v2/documents/${d.id}/content`,
      created_at: sellTime(d.createdAt),
      updated_at: sellTime(d.updatedAt),
    };
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery, @Req() request: FastifyRequest) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const query = {
      page: { page, perPage },
      ids: q.ids('ids') ?? [],
      resourceType: q.string('resource_type'),
      resourceId: q.id('resource_id'),
      sort: q.sort('sort_by', DOCUMENT_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const { documents } = await this.upstream.call(this.client, this.client.listDocuments, query, principal).catch(asQueryError);
    return collection('document', documents.map((d) => ({ data: this.present(d, request) })), pageLinks('/v2/documents', q.normalised(), page, perPage, documents.length === perPage));
  }

  /**
   * Upload: the body is the file itself, its Content-Type the file's media type; the record and
   * the file name come in the query (`resource_type`, `resource_id`, `name`).
   */
  @Post()
  @HttpCode(201)
  async upload(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery, @Req() request: FastifyRequest) {
    const q = new SellQuery(raw);
    const resourceType = q.string('resource_type');
    const resourceId = q.id('resource_id');
    const name = q.string('name');
    q.assertNoUnknown();
    if (resourceType === undefined) throw SellHttpError.invalidParam('resource_type', 'resource_type is required (lead or contact)');
    if (resourceId === undefined) throw SellHttpError.invalidParam('resource_id', 'resource_id is required');
    if (name === undefined) throw SellHttpError.invalidParam('name', 'name is required (the file name)');
    const { content, contentType } = await readRawBody(request, this.config.http.documentMaxBytes);
    const { document } = await this.upstream.call(this.client, this.client.uploadDocument, { resourceType, resourceId, name, contentType, content }, principal);
    return single('document', this.present(document!, request));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Req() request: FastifyRequest) {
    const { document } = await this.upstream.call(this.client, this.client.getDocument, { id: pathId(id, 'document') }, principal);
    return single('document', this.present(document!, request));
  }

  @Get(':id/content')
  async download(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const { document, content } = await this.upstream.call(this.client, this.client.downloadDocument, { id: pathId(id, 'document') }, principal);
    await reply
      .header('Content-Type', document!.contentType)
      .header('Content-Disposition', contentDisposition(document!.name))
      // The stored type was checked against the bytes on upload; browsers must not guess another.
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .send(Buffer.from(content));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteDocument, { id: pathId(id, 'document') }, principal);
  }
}
