import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { CONTACTS_CLIENT } from '../leads-contacts.constants';
import { Upstream } from '../../../upstream';

/** Calls the leads-contacts service for contacts as the caller. */
@Injectable()
export class ContactsGatewayService {
  constructor(
    @Inject(CONTACTS_CLIENT) private readonly client: crm.leads.v1.ContactsServiceClient,
    private readonly upstream: Upstream,
  ) {}


  async create(principal: Principal, input: crm.leads.v1.ContactInput): Promise<crm.leads.v1.Contact> {
    return (await this.upstream.call(this.client, this.client.createContact, { contact: input }, principal)).contact!;
  }

  async get(principal: Principal, id: string): Promise<crm.leads.v1.Contact> {
    return (await this.upstream.call(this.client, this.client.getContact, { id }, principal)).contact!;
  }

  async update(principal: Principal, id: string, input: crm.leads.v1.ContactInput, paths: string[]): Promise<crm.leads.v1.Contact> {
    return (await this.upstream.call(this.client, this.client.updateContact, { id, contact: input, updateMask: paths }, principal)).contact!;
  }

  async upsert(principal: Principal, filter: crm.leads.v1.ContactFilter, input: crm.leads.v1.ContactInput, paths: string[]): Promise<crm.leads.v1.Contact> {
    return (await this.upstream.call(this.client, this.client.upsertContact, { filter, contact: input, updateMask: paths }, principal)).contact!;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteContact, { id }, principal);
  }

  async list(
    principal: Principal,
    params: { page: number; perPage: number; filter: crm.leads.v1.ContactFilter; sort: { field: string; descending: boolean }[]; withTotalCount: boolean },
  ): Promise<crm.leads.v1.ListContactsResponse> {
    return this.upstream.call(
      this.client,
      this.client.listContacts,
      { page: { page: params.page, perPage: params.perPage }, filter: params.filter, sort: params.sort, withTotalCount: params.withTotalCount }, principal,
    );
  }
}
