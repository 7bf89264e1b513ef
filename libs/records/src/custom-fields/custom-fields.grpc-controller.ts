import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type CommonMessage as Req } from '@crm/proto';
import { CustomFieldsService } from './custom-fields.service';

/** gRPC transport of custom field definitions: translation only. */
@Injectable()
@GrpcService(crm.common.v1.CustomFieldsServiceService)
export class CustomFieldsGrpcController implements AsyncService<crm.common.v1.CustomFieldsServiceServer> {
  constructor(private readonly fields: CustomFieldsService) {}

  async createCustomField(request: Req<'CreateCustomFieldRequest'>, ctx: CallContext) {
    const field = await this.fields.create(ctx.principal, this.fields.resource(request.resource), {
      name: request.name,
      type: request.type,
      choices: request.choices,
      ...(request.forCompany !== undefined ? { forCompany: request.forCompany } : {}),
      ...(request.forContact !== undefined ? { forContact: request.forContact } : {}),
    });
    return { field };
  }

  async updateCustomField(request: Req<'UpdateCustomFieldRequest'>, ctx: CallContext) {
    const field = await this.fields.update(ctx.principal, this.fields.resource(request.resource), request.id, {
      ...(request.name !== undefined ? { name: request.name } : {}),
      ...(request.replaceChoices ? { choices: request.choices.map((c) => ({ ...(c.id !== '0' ? { id: Number(c.id) } : {}), name: c.name })) } : {}),
      ...(request.forCompany !== undefined ? { forCompany: request.forCompany } : {}),
      ...(request.forContact !== undefined ? { forContact: request.forContact } : {}),
    });
    return { field };
  }

  async deleteCustomField(request: Req<'DeleteCustomFieldRequest'>, ctx: CallContext) {
    await this.fields.delete(ctx.principal, this.fields.resource(request.resource), request.id);
    return {};
  }

  async listCustomFields(request: Req<'ListCustomFieldsRequest'>, ctx: CallContext) {
    return { fields: await this.fields.list(ctx.principal, this.fields.resource(request.resource)) };
  }
}
