import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import type { crm } from '@crm/proto';
import type { DealsPipelinesConfig } from '../config/deals-pipelines.config';
import { CONFIG, CONTACTS_CLIENT, LEADS_CLIENT } from '../deals-pipelines.constants';

export interface ContactRef {
  id: string;
  /** The organisation a person belongs to, or the contact itself when it is an organisation. */
  organizationId: string | null;
}

/** Contacts and leads as leads-contacts shows them to the caller (its visibility rules apply). */
@Injectable()
export class ContactDirectory {
  constructor(
    @Inject(CONTACTS_CLIENT) private readonly client: crm.leads.v1.ContactsServiceClient,
    @Inject(LEADS_CLIENT) private readonly leads: crm.leads.v1.LeadsServiceClient,
    @Inject(CONFIG) private readonly config: DealsPipelinesConfig,
  ) {}

  /** Whether the lead exists and the caller may see it; an invisible lead is as absent as a missing one. */
  async canSeeLead(principal: Principal, id: string): Promise<boolean> {
    try {
      const { lead } = await callUnary(this.leads, this.leads.getLead, { id }, { principal, timeoutMs: this.config.leadsContacts.timeoutMs });
      return lead !== undefined;
    } catch (e) {
      if (e instanceof DomainError && e.kind === ErrorKind.NotFound) return false;
      throw e;
    }
  }

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
