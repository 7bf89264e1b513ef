import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { ContactDirectory } from '../contacts/contact-directory';
import { DATABASE } from '../deals-pipelines.constants';
import { DEAL_CONTACT_SORT_COLUMNS, DealsRepository, type DealContactRow } from './deals.repository';
import { DealsService } from './deals.service';
import type { Database } from '../database';

type AssociatedContact = crm.deals.v1.AssociatedContact;

const DEFAULT_ROLE = 'involved';

const toAssociated = (r: DealContactRow): AssociatedContact => ({ dealId: r.deal_id, contactId: r.contact_id, role: r.role, createdAt: r.created_at, updatedAt: r.updated_at });

function invalid(field: string, message: string): DomainError {
  const violations = [{ field, code: 'incorrect_value', message }];
  return new DomainError('INVALID_ASSOCIATED_CONTACT', ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'associated_contact', violations });
}

/** Contacts associated with a deal: visible and changeable exactly when the deal is. */
@Injectable()
export class DealContactsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly deals: DealsRepository,
    private readonly dealRules: DealsService,
    private readonly contacts: ContactDirectory,
  ) {}

  async list(principal: Principal, dealId: string, q: { page: number; perPage: number; sort: { field: string; descending: boolean }[] }): Promise<AssociatedContact[]> {
    const sort = q.sort.map((s) => {
      if (!(DEAL_CONTACT_SORT_COLUMNS as readonly string[]).includes(s.field)) throw invalid('sort_by', `cannot sort by ${s.field}`);
      return { column: s.field as (typeof DEAL_CONTACT_SORT_COLUMNS)[number], descending: s.descending };
    });
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.dealRules.visibleDeal(trx, principal, dealId);
      return (await this.deals.listContacts(trx, dealId, { sort, limit: q.perPage, offset: (q.page - 1) * q.perPage })).map(toAssociated);
    });
  }

  async associate(principal: Principal, dealId: string, contactId: string, rawRole: string | undefined): Promise<AssociatedContact> {
    const role = (rawRole ?? DEFAULT_ROLE).trim();
    if (role.length === 0 || role.length > 64) throw invalid('role', 'must have 1 to 64 characters');
    // The contact is checked as the caller before the transaction, so no lock waits on another service.
    if (!(await this.contacts.find(principal, contactId))) throw invalid('contact_id', 'is not a contact you can see');
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.dealRules.visibleDeal(trx, principal, dealId, true);
      const changed = await this.deals.upsertContact(trx, principal.tenantId, dealId, contactId, role);
      if (!changed) return toAssociated((await this.deals.findContact(trx, dealId, contactId))!);
      const associated = toAssociated(changed);
      await appendToOutbox(trx, buildEvent({ kind: 'dealContactAssociated', tenantId: principal.tenantId, aggregateId: dealId, subject: `tenants/${principal.tenantId}/deals/${dealId}`, payload: { associatedContact: associated } }));
      return associated;
    });
  }

  async dissociate(principal: Principal, dealId: string, contactId: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.dealRules.visibleDeal(trx, principal, dealId, true);
      if (!(await this.deals.deleteContact(trx, dealId, contactId))) {
        throw new DomainError('ASSOCIATED_CONTACT_NOT_FOUND', ErrorKind.NotFound, `contact ${contactId} is not associated with deal ${dealId}`, { resource: 'associated_contact' });
      }
      await appendToOutbox(trx, buildEvent({ kind: 'dealContactDissociated', tenantId: principal.tenantId, aggregateId: dealId, subject: `tenants/${principal.tenantId}/deals/${dealId}`, payload: { dealId, contactId } }));
    });
  }
}
