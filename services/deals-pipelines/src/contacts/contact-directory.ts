import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import type { crm } from '@crm/proto';
import type { DealsPipelinesConfig } from '../config/deals-pipelines.config';
import { CONFIG, CONTACTS_CLIENT } from '../deals-pipelines.constants';

export interface ContactRef {
  id: string;
  /** The organisation a person belongs to, or the contact itself when it is an organisation. */
  organizationId: string | null;
}

/** Contacts as leads-contacts shows them to the caller (its visibility rules apply). */
@Injectable()
export class ContactDirectory {
  constructor(
    @Inject(CONTACTS_CLIENT) private readonly client: crm.leads.v1.ContactsServiceClient,
    @Inject(CONFIG) private readonly config: DealsPipelinesConfig,
  ) {}

  /** The contact, or undefined when it does not exist or the caller may not see it. */
  async find(principal: Principal, id: string): Promise<ContactRef | undefined> {
    try {
      const { contact } = await callUnary(this.client, this.client.getContact, { id }, { principal, timeoutMs: this.config.leadsContacts.timeoutMs });
      if (!contact) return undefined;
      return { id: contact.id, organizationId: contact.isOrganization ? contact.id : (contact.contactId ?? null) };
    } catch (e) {
      if (e instanceof DomainError && e.kind === ErrorKind.NotFound) return undefined;
      throw e;
    }
  }
}
