import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AnonymousAsyncService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type LeadsMessage as Req } from '@crm/proto';
import { CaptureFormsService } from './capture-forms.service';

const emptyInput = (): crm.leads.v1.CaptureFormInput => ({ replaceFields: false, fields: [], replaceTags: false, tags: [] });

/** gRPC transport of capture form management: translation only. */
@Injectable()
@GrpcService(crm.leads.v1.CaptureFormsServiceService)
export class CaptureFormsGrpcController implements AsyncService<crm.leads.v1.CaptureFormsServiceServer> {
  constructor(private readonly forms: CaptureFormsService) {}

  async createCaptureForm(request: Req<'CreateCaptureFormRequest'>, ctx: CallContext) {
    return { form: await this.forms.create(ctx.principal, request.form ?? emptyInput()) };
  }

  async getCaptureForm(request: Req<'GetCaptureFormRequest'>, ctx: CallContext) {
    return { form: await this.forms.get(ctx.principal, request.id) };
  }

  async updateCaptureForm(request: Req<'UpdateCaptureFormRequest'>, ctx: CallContext) {
    return { form: await this.forms.update(ctx.principal, request.id, request.form ?? emptyInput()) };
  }

  async deleteCaptureForm(request: Req<'DeleteCaptureFormRequest'>, ctx: CallContext) {
    await this.forms.delete(ctx.principal, request.id);
    return {};
  }

  async listCaptureForms(request: Req<'ListCaptureFormsRequest'>, ctx: CallContext) {
    const forms = await this.forms.list(ctx.principal, {
      ...pageOf(request.page),
      ids: request.ids,
      ...(request.active !== undefined ? { active: request.active } : {}),
    });
    return { forms };
  }
}

/** gRPC transport of public submissions (no caller: the form key decides everything). */
@Injectable()
@GrpcService(crm.leads.v1.CaptureFormSubmissionsServiceService, { anonymous: true })
export class CaptureFormSubmissionsGrpcController implements AnonymousAsyncService<crm.leads.v1.CaptureFormSubmissionsServiceServer> {
  constructor(private readonly forms: CaptureFormsService) {}

  async submitCaptureForm(request: Req<'SubmitCaptureFormRequest'>) {
    return { leadId: await this.forms.submit(request.formKey, request.values ?? {}, request.clientAddress) };
  }
}
