import { Inject, Injectable } from '@nestjs/common';
import type { Kysely, Transaction } from 'kysely';
import { canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import type { ContactsDatabase } from '../contacts/contacts.repository';
import { ContactsRepository } from '../contacts/contacts.repository';
import { ContactsService } from '../contacts/contacts.service';
import { DATABASE } from '../leads-contacts.constants';
import { rowToFields, rowToLead } from '../leads/lead.mapper';
import { LeadsError } from '../leads/leads.errors';
import { LeadsRepository, type LeadsDatabase } from '../leads/leads.repository';
import { LeadsService } from '../leads/leads.service';
import { carryCustomFields, organizationFromLead, personFromLead } from './lead-to-contacts';
import { LeadConversionsRepository, type LeadConversionRow, type LeadConversionsDatabase } from './lead-conversions.repository';

type Conversion = crm.leads.v1.LeadConversion;
type Db = LeadsDatabase & ContactsDatabase & LeadConversionsDatabase;

export function toConversion(row: LeadConversionRow): Conversion {
  return {
    id: row.id,
    leadId: row.lead_id,
    individualId: row.individual_id ?? undefined,
    organizationId: row.organization_id ?? undefined,
    dealId: row.deal_id ?? undefined,
    creatorId: row.creator_id,
    createdAt: row.created_at,
  };
}

/**
 * Converts a lead, in one transaction, into a person contact and its organisation (an existing one
 * of the same name is reused), records the conversion and freezes the lead. One-way: a converted
 * lead cannot change, be deleted or be converted again.
 */
@Injectable()
export class LeadConversionsService {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<Db>,
    private readonly leads: LeadsRepository,
    private readonly leadsService: LeadsService,
    private readonly contacts: ContactsRepository,
    private readonly contactsService: ContactsService,
    private readonly conversions: LeadConversionsRepository,
  ) {}

  /**
   * `dealId` names the deal reserved for this conversion in deals-pipelines; the conversion records
   * it, and a retry with the same deal id after the commit answers the committed conversion.
   */
  async convert(principal: Principal, leadId: string, dealId?: string): Promise<Conversion> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const leadRow = await this.leads.findForUpdate(trx as unknown as Transaction<LeadsDatabase>, leadId);
      if (!leadRow || !canSeeOwner(principal, leadRow.owner_id)) throw LeadsError.notFound(leadId);
      if (leadRow.converted_at) {
        const done = dealId ? await this.conversions.findByLead(trx as unknown as Transaction<LeadConversionsDatabase>, leadId) : undefined;
        if (done && done.deal_id === dealId) return toConversion(done);
        throw LeadsError.converted(leadId);
      }
      const lead = rowToFields(leadRow);
      const contactsTrx = trx as unknown as Transaction<ContactsDatabase>;
      const leadCatalog = await this.leadsService.catalog(trx as unknown as Transaction<LeadsDatabase>);
      const contactCatalog = await this.contactsService.catalog(contactsTrx);

      let organizationId: string | null = null;
      if (lead.organization_name?.trim()) {
        const existing = await this.contacts.findOrganizationByName(contactsTrx, lead.organization_name);
        organizationId = existing
          ? existing.id
          : (await this.contactsService.insertContact(contactsTrx, principal.tenantId, principal.userId, organizationFromLead(lead, carryCustomFields(lead, leadCatalog, contactCatalog, true)), contactCatalog)).id;
      }
      const person = personFromLead(lead, organizationId, carryCustomFields(lead, leadCatalog, contactCatalog, false));
      const individualId = person ? (await this.contactsService.insertContact(contactsTrx, principal.tenantId, principal.userId, person, contactCatalog)).id : null;

      const row = await this.conversions.insert(trx as unknown as Transaction<LeadConversionsDatabase>, {
        tenant_id: principal.tenantId,
        lead_id: leadId,
        lead_owner_id: leadRow.owner_id,
        individual_id: individualId,
        organization_id: organizationId,
        deal_id: dealId ?? null,
        creator_id: principal.userId,
      });
      const converted = await this.leads.markConverted(trx as unknown as Transaction<LeadsDatabase>, leadId);
      const conversion = toConversion(row);
      await appendToOutbox(
        trx,
        buildEvent({ kind: 'leadConverted', tenantId: principal.tenantId, aggregateId: leadId, subject: `tenants/${principal.tenantId}/leads/${leadId}`, payload: { conversion, lead: rowToLead(converted, leadCatalog) } }),
      );
      return conversion;
    });
  }

  async list(principal: Principal, params: { beforeId?: string; limit: number; offset: number; equals: Partial<Record<'lead_id' | 'individual_id' | 'organization_id' | 'deal_id', string>> }): Promise<Conversion[]> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const rows = await this.conversions.list(trx as unknown as Transaction<LeadConversionsDatabase>, { ...params, ownerIds: principal.visibleOwnerIds });
      return rows.map(toConversion);
    });
  }
}
