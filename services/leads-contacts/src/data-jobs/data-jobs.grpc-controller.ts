import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type LeadsMessage as Req } from '@crm/proto';
import { DataJobsService } from './data-jobs.service';


/** gRPC transport of imports and exports: translation only. */
@Injectable()
@GrpcService(crm.leads.v1.DataJobsServiceService)
export class DataJobsGrpcController implements AsyncService<crm.leads.v1.DataJobsServiceServer> {
  constructor(private readonly jobs: DataJobsService) {}

  async createImport(request: Req<'CreateImportRequest'>, ctx: CallContext) {
    return {
      job: await this.jobs.createImport(ctx.principal, {
        resourceType: request.resourceType,
        columnMapping: request.columnMapping,
        dedupeOn: request.dedupeOn,
        onDuplicate: request.onDuplicate,
        ...(request.ownerId !== undefined ? { ownerId: request.ownerId } : {}),
      }),
    };
  }

  async uploadImportFile(request: Req<'UploadImportFileRequest'>, ctx: CallContext) {
    return { job: await this.jobs.uploadImportFile(ctx.principal, request.id, Buffer.from(request.content)) };
  }

  async createExport(request: Req<'CreateExportRequest'>, ctx: CallContext) {
    const f = request.filter;
    const filter = f?.$case === 'leadFilter' ? crm.leads.v1.LeadFilter.toJSON(f.value) : f?.$case === 'contactFilter' ? crm.leads.v1.ContactFilter.toJSON(f.value) : {};
    return { job: await this.jobs.createExport(ctx.principal, { resourceType: request.resourceType, filter, sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })) }) };
  }

  async getDataJob(request: Req<'GetDataJobRequest'>, ctx: CallContext) {
    return { job: await this.jobs.get(ctx.principal, request.id) };
  }

  async listDataJobs(request: Req<'ListDataJobsRequest'>, ctx: CallContext) {
    const p = pageOf(request.page);
    return { jobs: await this.jobs.list(ctx.principal, request.kind, p.page, p.perPage) };
  }

  async listImportErrors(request: Req<'ListImportErrorsRequest'>, ctx: CallContext) {
    const p = pageOf(request.page);
    return { errors: await this.jobs.listErrors(ctx.principal, request.id, p.page, p.perPage) };
  }

  async readExportFile(request: Req<'ReadExportFileRequest'>, ctx: CallContext) {
    return this.jobs.readExportFile(ctx.principal, request.id, Number(request.offset), request.length);
  }
}
