import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import type { GatewayConfig } from '../../../config/gateway.config';
import { readContactListQuery } from '../contacts/contacts.http-controller';
import { CONFIG } from '../../../gateway.constants';
import { DATA_JOBS_CLIENT } from '../leads-contacts.constants';
import { readLeadListQuery } from '../leads/leads.http-controller';
import { readRawBody } from '../../../sell/raw-body';
import { parseSellBody, pathId, sellId } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError, SellHttpError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { sellIdOrNull, sellTime } from '../../../sell/sell-record';
import { Upstream } from '../../../upstream';

export const ImportCreate = z.strictObject({
  resource_type: z.enum(['lead', 'contact']),
  column_mapping: z.record(z.string().min(1).max(255), z.string().max(300)).optional(),
  dedupe_on: z.enum(['none', 'email', 'phone']).optional(),
  on_duplicate: z.enum(['skip', 'update']).optional(),
  owner_id: sellId.optional(),
});

export const ExportCreate = z.strictObject({
  resource_type: z.enum(['lead', 'contact']),
  /** The query string of the list to export, as GET /v2/leads or /v2/contacts takes it (without paging). */
  query: z.string().max(8192).optional(),
});

const CHUNK = 1024 * 1024;

function present(j: crm.leads.v1.DataJob, base: string) {
  const common = {
    id: Number(j.id),
    creator_id: sellIdOrNull(j.creatorId),
    resource_type: j.resourceType,
    status: j.status,
    // Known once an import's file is checked, or an export is written.
    total_rows: j.status === 'awaiting_file' || j.status === 'queued' || (j.status === 'running' && j.totalRows === 0) ? null : j.totalRows,
    processed_rows: j.processedRows,
    error_message: j.errorMessage || null,
    started_at: sellTime(j.startedAt),
    finished_at: sellTime(j.finishedAt),
    created_at: sellTime(j.createdAt),
    updated_at: sellTime(j.updatedAt),
  };
  if (j.kind === 'export') return { ...common, file_size: Number(j.fileSize) || null, download_url: j.status === 'succeeded' ? `${base}/v2/exports/${j.id}/file` : null };
  return {
    ...common,
    column_mapping: j.columnMapping,
    dedupe_on: j.dedupeOn,
    on_duplicate: j.onDuplicate,
    owner_id: sellIdOrNull(j.ownerId),
    file_size: Number(j.fileSize) || null,
    created_count: j.createdCount,
    updated_count: j.updatedCount,
    skipped_count: j.skippedCount,
    failed_count: j.failedCount,
    upload_url: j.status === 'awaiting_file' ? `${base}/v2/imports/${j.id}/file` : null,
  };
}

/** The query string of an export, in the shape Fastify gives a request's query. */
function rawQueryOf(query: string): RawQuery {
  const raw: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(query)) {
    const prev = raw[k];
    raw[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return raw;
}

abstract class DataJobsHttpController {
  constructor(
    protected readonly client: crm.leads.v1.DataJobsServiceClient,
    protected readonly upstream: Upstream,
    protected readonly config: GatewayConfig,
  ) {}


  protected base(request: FastifyRequest): string {
    return `${request.protocol}://${request.host}`;
  }

  protected async listJobs(kind: 'import' | 'export', principal: Principal, raw: RawQuery, request: FastifyRequest) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    q.assertNoUnknown();
    const { jobs } = await this.upstream.call(this.client, this.client.listDataJobs, { kind, page: { page, perPage } }, principal);
    return collection(kind, jobs.map((j) => ({ data: present(j, this.base(request)) })), pageLinks(`/v2/${kind}s`, q.normalised(), page, perPage, jobs.length === perPage));
  }

  protected async getJob(kind: 'import' | 'export', principal: Principal, id: string, request: FastifyRequest) {
    const { job } = await this.upstream.call(this.client, this.client.getDataJob, { id: pathId(id, kind) }, principal);
    if (job!.kind !== kind) throw SellHttpError.notFound(kind);
    return single(kind, present(job!, this.base(request)));
  }
}

/** `/v2/imports` (beyond Sell): CSV imports of leads or contacts, run in the background. */
@Controller('v2/imports')
export class ImportsHttpController extends DataJobsHttpController {
  constructor(
    @Inject(DATA_JOBS_CLIENT) client: crm.leads.v1.DataJobsServiceClient,
    upstream: Upstream,
    @Inject(CONFIG) config: GatewayConfig,
  ) {
    super(client, upstream, config);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery, @Req() request: FastifyRequest) {
    return this.listJobs('import', principal, raw, request);
  }

  /** Step one: the import's settings. It then waits for its file at `upload_url`. */
  @Post()
  @HttpCode(201)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Req() request: FastifyRequest) {
    const data = parseSellBody(body, ImportCreate, 'import');
    const { job } = await this.upstream.call(
      this.client,
      this.client.createImport,
      { resourceType: data.resource_type, columnMapping: data.column_mapping ?? {}, dedupeOn: data.dedupe_on ?? 'none', onDuplicate: data.on_duplicate ?? 'skip', ...(data.owner_id ? { ownerId: data.owner_id } : {}) }, principal,
    );
    return single('import', present(job!, this.base(request)));
  }

  /** Step two: the CSV itself (UTF-8, a header row first) as the body; the import is queued. */
  @Put(':id/file')
  async upload(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Req() request: FastifyRequest) {
    const valid = pathId(id, 'import');
    const { content } = await readRawBody(request, this.config.http.importMaxBytes);
    const { job } = await this.upstream.call(this.client, this.client.uploadImportFile, { id: valid, content }, principal);
    return single('import', present(job!, this.base(request)));
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.getJob('import', principal, id, request);
  }

  /** The rows the import could not take, with the reasons, by row number. */
  @Get(':id/errors')
  async errors(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() raw: RawQuery) {
    const valid = pathId(id, 'import');
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    q.assertNoUnknown();
    const { errors } = await this.upstream.call(this.client, this.client.listImportErrors, { id: valid, page: { page, perPage } }, principal);
    return collection('import_error', errors.map((e) => ({ data: { row_number: e.rowNumber, errors: e.errors } })), pageLinks(`/v2/imports/${valid}/errors`, q.normalised(), page, perPage, errors.length === perPage));
  }
}

/** `/v2/exports` (beyond Sell): CSV exports of any filtered lead or contact list. */
@Controller('v2/exports')
export class ExportsHttpController extends DataJobsHttpController {
  constructor(@Inject(DATA_JOBS_CLIENT) client: crm.leads.v1.DataJobsServiceClient, upstream: Upstream, @Inject(CONFIG) config: GatewayConfig) {
    super(client, upstream, config);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery, @Req() request: FastifyRequest) {
    return this.listJobs('export', principal, raw, request);
  }

  @Post()
  @HttpCode(201)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Req() request: FastifyRequest) {
    const data = parseSellBody(body, ExportCreate, 'export');
    const q = new SellQuery(rawQueryOf(data.query ?? ''));
    const list = data.resource_type === 'lead' ? readLeadListQuery(q) : readContactListQuery(q);
    q.assertNoUnknown();
    const filter = data.resource_type === 'lead' ? { $case: 'leadFilter' as const, value: list.filter as crm.leads.v1.LeadFilter } : { $case: 'contactFilter' as const, value: list.filter as crm.leads.v1.ContactFilter };
    const { job } = await this.upstream.call(this.client, this.client.createExport, { resourceType: data.resource_type, filter, sort: list.sort }, principal).catch(asQueryError);
    return single('export', present(job!, this.base(request)));
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.getJob('export', principal, id, request);
  }

  /** The CSV, streamed in ranges read from the service, so a large export never sits in memory. */
  @Get(':id/file')
  async file(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const valid = pathId(id, 'export');
    const first = await this.upstream.call(this.client, this.client.readExportFile, { id: valid, offset: '0', length: CHUNK }, principal);
    const total = Number(first.totalSize);
    reply.raw.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(total),
      'content-disposition': `attachment; filename="export-${valid}.csv"`,
      'x-request-id': String(reply.request.id),
      'cache-control': 'private, no-store',
    });
    let offset = first.content.length;
    reply.raw.write(first.content);
    while (offset < total) {
      const { content } = await this.upstream.call(this.client, this.client.readExportFile, { id: valid, offset: String(offset), length: CHUNK }, principal);
      if (content.length === 0) break;
      offset += content.length;
      if (!reply.raw.write(content)) await new Promise((resolve) => reply.raw.once('drain', resolve));
    }
    reply.raw.end();
  }
}
