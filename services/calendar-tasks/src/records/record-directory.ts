import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import { callUnary } from '@crm/grpc';
import type { crm } from '@crm/proto';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import { CONFIG, CONTACTS_CLIENT, DEALS_CLIENT, LEADS_CLIENT, PHONE_LOOKUP_CLIENT } from '../calendar-tasks.constants';

/** A record a service of the CRM keeps: lead and contact in leads-contacts, deal in deals-pipelines. */
export type RecordType = 'lead' | 'contact' | 'deal';

/** 404 naming the attribute: the record does not exist or the caller may not see it, as the record itself would answer. */
export function recordNotFound(resource: string, field: string, type: RecordType, id: string): DomainError {
  return new DomainError('RECORD_NOT_FOUND', ErrorKind.NotFound, `${type} ${id} not found`, {
    resource,
    violations: [{ field, code: 'not_found', message: `is not a ${type} you can see` }],
  });
}

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
    @Inject(PHONE_LOOKUP_CLIENT) private readonly phones: crm.leads.v1.PhoneLookupServiceClient,
    @Inject(CONFIG) private readonly config: CalendarTasksConfig,
  ) {}

  /** Whether the record exists and the caller may see it. */
  async canSee(principal: Principal, type: RecordType, id: string): Promise<boolean> {
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

  /** Throws 404 naming `field` unless every record exists and the caller sees it (asked in parallel). */
  async assertVisible(principal: Principal, resource: string, field: string, type: RecordType, ids: readonly string[]): Promise<void> {
    const seen = await Promise.all(ids.map((id) => this.canSee(principal, type, id)));
    const missing = ids.find((_, i) => !seen[i]);
    if (missing !== undefined) throw recordNotFound(resource, field, type, missing);
  }

  /** The tenant's contacts, then unconverted leads, whose phone or mobile number is the E.164 number (no caller: every record counts). */
  async findByPhone(tenantId: string, e164: string): Promise<crm.leads.v1.PhoneMatch[]> {
    const { matches } = await callUnary(this.phones, this.phones.findRecordsByPhone, { tenantId, phone: e164 }, { principal: undefined, timeoutMs: this.config.upstreams.leadsContacts.timeoutMs });
    return matches;
  }

  private options(principal: Principal, upstream: 'leadsContacts' | 'dealsPipelines') {
    return { principal, timeoutMs: this.config.upstreams[upstream].timeoutMs };
  }
}
