import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { ContactsRepository } from '../contacts/contacts.repository';
import { ContactsService } from '../contacts/contacts.service';
import { DATABASE } from '../leads-contacts.constants';
import { rowToFields, rowToLead } from '../leads/lead.mapper';
import { LeadsError } from '../leads/leads.errors';
import { LeadsRepository } from '../leads/leads.repository';
import { LeadsService } from '../leads/leads.service';
import { carryCustomFields, organizationFromLead, personFromLead } from './lead-to-contacts';
import { LeadConversionsRepository, type LeadConversionRow } from './lead-conversions.repository';
import type { Database } from '../database';

type Conversion = crm.leads.v1.LeadConversion;

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
    @Inject(DATABASE) private readonly db: Database,
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
      const leadRow = await this.leads.findForUpdate(trx, leadId);
      if (!leadRow || !canSeeOwner(principal, leadRow.owner_id)) throw LeadsError.notFound(leadId);
      if (leadRow.converted_at) {
        const done = dealId ? await this.conversions.findByLead(trx, leadId) : undefined;
        if (done && done.deal_id === dealId) return toConversion(done);
        throw LeadsError.converted(leadId);
      }
      const lead = rowToFields(leadRow);
      const leadCatalog = await this.leadsService.catalog(trx);
      const contactCatalog = await this.contactsService.catalog(trx);

      let organizationId: string | null = null;
      if (lead.organization_name?.trim()) {
        const existing = await this.contacts.findOrganizationByName(trx, lead.organization_name);
        organizationId = existing
          ? existing.id
          : (await this.contactsService.insertContact(trx, principal.tenantId, principal.userId, organizationFromLead(lead, carryCustomFields(lead, leadCatalog, contactCatalog, true)), contactCatalog)).id;
      }
      const person = personFromLead(lead, organizationId, carryCustomFields(lead, leadCatalog, contactCatalog, false));
      const individualId = person ? (await this.contactsService.insertContact(trx, principal.tenantId, principal.userId, person, contactCatalog)).id : null;

      const row = await this.conversions.insert(trx, {
        tenant_id: principal.tenantId,
        lead_id: leadId,
        lead_owner_id: leadRow.owner_id,
        individual_id: individualId,
        organization_id: organizationId,
        deal_id: dealId ?? null,
        creator_id: principal.userId,
      });
      const converted = await this.leads.markConverted(trx, leadId);
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
      const rows = await this.conversions.list(trx, { ...params, ownerIds: principal.visibleOwnerIds });
      return rows.map(toConversion);
    });
  }
}
