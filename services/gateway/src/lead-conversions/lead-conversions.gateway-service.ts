import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import { crm } from '@crm/proto';
import { LEAD_CONVERSIONS_CLIENT } from '../upstreams/leads-contacts/leads-contacts.constants';
import { DEALS_CLIENT } from '../upstreams/deals-pipelines/deals-pipelines.constants';
import { LeadsGatewayService } from '../upstreams/leads-contacts/leads/leads.gateway-service';
import { Upstream } from '../upstream';

/** Refusals that prove the conversion did not happen (anything else may have committed). */
const REFUSALS: readonly ErrorKind[] = [ErrorKind.InvalidArgument, ErrorKind.NotFound, ErrorKind.FailedPrecondition, ErrorKind.PermissionDenied, ErrorKind.AlreadyExists, ErrorKind.Conflict];

/** Problems with the deal's attributes name them under `deal` in the conversion request. */
function inDeal(e: unknown): never {
  if (!(e instanceof DomainError) || !e.details.violations) throw e;
  const violations = e.details.violations.map((v) => (v.field === 'lead_id' ? v : { ...v, field: `deal.${v.field}` }));
  throw new DomainError(e.code, e.kind, e.message, { ...e.details, resource: 'lead_conversion', violations });
}

/**
 * Converts a lead, optionally with a deal, across leads-contacts and deals-pipelines (decision 15):
 * the deal is reserved (validated, id taken) before the conversion commits, and created with the
 * conversion's contacts after it. Every step is idempotent per lead, so a retry of the same request
 * finishes a conversion interrupted anywhere, once; deals-pipelines also finishes it on its own
 * from the lead.converted event.
 */
@Injectable()
export class LeadConversionsGatewayService {
  constructor(
    @Inject(LEAD_CONVERSIONS_CLIENT) private readonly conversions: crm.leads.v1.LeadConversionsServiceClient,
    @Inject(DEALS_CLIENT) private readonly deals: crm.deals.v1.DealsServiceClient,
    private readonly leads: LeadsGatewayService,
    private readonly upstream: Upstream,
  ) {}


  async convert(principal: Principal, leadId: string, deal?: { input: crm.deals.v1.DealInput; paths: string[] }): Promise<crm.leads.v1.LeadConversion> {
    if (!deal) return (await this.upstream.call(this.conversions, this.conversions.convertLead, { leadId }, principal)).conversion!;
    // The lead is read as the caller first, so that one who cannot see it reserves nothing and
    // learns nothing (404, as for a lead that does not exist); deals-pipelines checks it again.
    const lead = await this.leads.get(principal, leadId);
    if (!deal.paths.includes('name') || !deal.paths.includes('owner_id')) {
      // By default the deal is named after the lead's organisation, else the person, and belongs to
      // the lead's owner, like the contacts the conversion creates.
      if (!deal.paths.includes('name')) deal.input.name = lead.organizationName || [lead.firstName, lead.lastName].filter(Boolean).join(' ');
      if (!deal.paths.includes('owner_id')) deal.input.ownerId = lead.ownerId;
      deal.paths.push(...['name', 'owner_id'].filter((p) => !deal.paths.includes(p)));
    }
    const { dealId } = await this.upstream.call(this.deals, this.deals.reserveConversionDeal, { leadId, deal: deal.input, mask: deal.paths }, principal).catch(inDeal);
    let conversion: crm.leads.v1.LeadConversion;
    try {
      conversion = (await this.upstream.call(this.conversions, this.conversions.convertLead, { leadId, dealId }, principal)).conversion!;
    } catch (e) {
      if (e instanceof DomainError && REFUSALS.includes(e.kind)) await this.upstream.call(this.deals, this.deals.cancelConversionDeal, { leadId }, principal).catch(() => undefined);
      throw e;
    }
    const contactId = conversion.individualId ?? conversion.organizationId!;
    await this.upstream.call(this.deals, this.deals.confirmConversionDeal, { leadId, dealId, contactId, organizationId: conversion.organizationId }, principal);
    return conversion;
  }

  async list(principal: Principal, request: crm.leads.v1.ListLeadConversionsRequest): Promise<crm.leads.v1.LeadConversion[]> {
    return (await this.upstream.call(this.conversions, this.conversions.listLeadConversions, request, principal)).conversions;
  }
}
