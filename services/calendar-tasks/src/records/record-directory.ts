import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import type { crm } from '@crm/proto';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import { CONFIG, CONTACTS_CLIENT, DEALS_CLIENT, LEADS_CLIENT } from '../calendar-tasks.constants';
import type { ResourceType } from '../tasks/task-rules';

/**
 * Leads, contacts and deals as their services show them to the caller: those services' visibility
 * rules apply, so a record the caller may not see is as absent as one that does not exist.
 */
@Injectable()
export class RecordDirectory {
  constructor(
    @Inject(LEADS_CLIENT) private readonly leads: crm.leads.v1.LeadsServiceClient,
    @Inject(CONTACTS_CLIENT) private readonly contacts: crm.leads.v1.ContactsServiceClient,
    @Inject(DEALS_CLIENT) private readonly deals: crm.deals.v1.DealsServiceClient,
    @Inject(CONFIG) private readonly config: CalendarTasksConfig,
  ) {}

  /** Whether the record exists and the caller may see it. */
  async canSee(principal: Principal, type: ResourceType, id: string): Promise<boolean> {
    try {
      switch (type) {
        case 'lead':
          return (await callUnary(this.leads, this.leads.getLead, { id }, this.options(principal, 'leadsContacts'))).lead !== undefined;
        case 'contact':
          return (await callUnary(this.contacts, this.contacts.getContact, { id }, this.options(principal, 'leadsContacts'))).contact !== undefined;
        case 'deal':
          return (await callUnary(this.deals, this.deals.getDeal, { id }, this.options(principal, 'dealsPipelines'))).deal !== undefined;
      }
    } catch (e) {
      if (e instanceof DomainError && e.kind === ErrorKind.NotFound) return false;
      throw e;
    }
  }

  private options(principal: Principal, upstream: 'leadsContacts' | 'dealsPipelines') {
    return { principal, timeoutMs: this.config.upstreams[upstream].timeoutMs };
  }
}
