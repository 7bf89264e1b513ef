import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type LeadsMessage as Req } from '@crm/proto';
import { presentContactPaths } from './contact-input';
import { ContactsService } from './contacts.service';

const EMPTY_FILTER: crm.leads.v1.ContactFilter = { ids: [], customFields: [], tags: [], timeRanges: [] };

/** gRPC transport of contacts: translates requests and calls ContactsService, nothing more. */
@Injectable()
@GrpcService(crm.leads.v1.ContactsServiceService)
export class ContactsGrpcController implements AsyncService<crm.leads.v1.ContactsServiceServer> {
  constructor(private readonly contacts: ContactsService) {}

  async createContact(request: Req<'CreateContactRequest'>, ctx: CallContext) {
    const input = request.contact ?? { tags: [] };
    return { contact: await this.contacts.create(ctx.principal, input, presentContactPaths(input)) };
  }

  async getContact(request: Req<'GetContactRequest'>, ctx: CallContext) {
    return { contact: await this.contacts.get(ctx.principal, request.id) };
  }

  async updateContact(request: Req<'UpdateContactRequest'>, ctx: CallContext) {
    return { contact: await this.contacts.update(ctx.principal, request.id, request.contact ?? { tags: [] }, request.updateMask ?? []) };
  }

  async deleteContact(request: Req<'DeleteContactRequest'>, ctx: CallContext) {
    await this.contacts.delete(ctx.principal, request.id);
    return {};
  }

  async upsertContact(request: Req<'UpsertContactRequest'>, ctx: CallContext) {
    return this.contacts.upsert(ctx.principal, request.filter ?? EMPTY_FILTER, request.contact ?? { tags: [] }, request.updateMask ?? []);
  }

  async listContacts(request: Req<'ListContactsRequest'>, ctx: CallContext) {
    const { items, totalCount } = await this.contacts.list(ctx.principal, {
      withTotalCount: request.withTotalCount,
      ...pageOf(request.page),
      filter: request.filter ?? EMPTY_FILTER,
      sort: (request.sort ?? []).map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { contacts: items, ...(totalCount !== undefined ? { totalCount: String(totalCount) } : {}) };
  }
}
