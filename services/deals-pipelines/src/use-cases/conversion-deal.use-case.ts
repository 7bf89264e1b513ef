import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { crm } from '@crm/proto';
import { ContactDirectory } from '../contacts/contact-directory';
import type { Database, Trx } from '../database';
import { DATABASE } from '../deals-pipelines.constants';
import type { DealFields } from '../deals/deal-input';
import { rowToDeal } from '../deals/deal.mapper';
import { DealsError } from '../deals/deals.errors';
import { DealsRepository, type ReservedDeal } from '../deals/deals.repository';
import { DealsService } from '../deals/deals.service';
import { PipelinesService } from '../pipelines/pipelines.service';

type Deal = crm.deals.v1.Deal;
type DealInput = crm.deals.v1.DealInput;

/** A committed conversion as far as its deal is concerned. */
export interface ConversionRef {
  leadId: string;
  /** The reserved id the conversion recorded; only that reservation is confirmed. */
  dealId: string;
  /** The person the conversion created, else its organisation. */
  contactId: string;
  organizationId: string | null;
}

/**
 * The deal side of a lead conversion (decision 15), in three steps around the conversion that
 * leads-contacts commits: reserve (validate as the caller, take the id), then confirm (create the
 * deal once per lead, with the contacts the conversion made), or cancel when the conversion was
 * refused. The gateway confirms right after the conversion; the lead.converted consumer confirms
 * when the gateway could not.
 */
@Injectable()
export class ConversionDealUseCase {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly deals: DealsService,
    private readonly reservations: DealsRepository,
    private readonly pipelines: PipelinesService,
    private readonly contacts: ContactDirectory,
  ) {}

  /**
   * Reserves the deal: validates it as the caller now and takes its id, while the deal itself
   * waits for the conversion's contacts. Idempotent per lead: a retry answers the same id; a new
   * attempt before the conversion replaces the attributes.
   */
  async reserve(principal: Principal, leadId: string, input: DealInput, paths: readonly string[]): Promise<string> {
    // Authorised here, in the service that owns the reservation, whatever the gateway checked: a
    // caller who cannot see the lead learns nothing about its conversion and reserves nothing.
    if (!(await this.contacts.canSeeLead(principal, leadId))) throw DealsError.leadNotFound(leadId);
    const fingerprint = createHash('sha256').update(JSON.stringify([crm.deals.v1.DealInput.toJSON(input), [...paths].sort()])).digest('hex');
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const confirmed = await this.reservations.findReservation(trx, leadId);
      if (confirmed?.confirmed_at && confirmed.fingerprint === fingerprint) return confirmed.deal_id;
      const { fields, stage } = await this.deals.validateNew(trx, principal, input, paths, await this.deals.catalog(trx), false);
      const reserved: ReservedDeal = { ...fields, stage_id: stage.id, last_stage_change_at: fields.last_stage_change_at?.toISOString() ?? null, added_at: fields.added_at?.toISOString() ?? null };
      const reservation = await this.reservations.reserve(trx, principal.tenantId, leadId, principal.userId, reserved, fingerprint);
      if (!reservation.confirmed && reservation.creator_id !== principal.userId) throw DealsError.conversionInProgress();
      if (reservation.fingerprint !== fingerprint) {
        throw DealsError.invalid([{ field: 'lead_id', code: 'incorrect_value', message: 'the lead was converted with another deal; conversion is one-way' }]);
      }
      return reservation.deal_id;
    });
  }

  /** Turns the reservation into the deal at most once per lead; answers the deal, or undefined when nothing was reserved. */
  async confirm(tenantId: string, conversion: ConversionRef): Promise<Deal | undefined> {
    return (await inTenantTransaction(this.db, tenantId, (trx) => this.confirmIn(trx, tenantId, conversion)))?.deal;
  }

  /** confirm inside the caller's transaction, scoped to the tenant (the lead.converted consumer's). */
  async confirmIn(trx: Trx, tenantId: string, { leadId, dealId, contactId, organizationId }: ConversionRef): Promise<{ deal: Deal; created: boolean } | undefined> {
    const catalog = await this.deals.catalog(trx);
    const done = await this.reservations.findByConversion(trx, leadId);
    if (done) return { deal: rowToDeal(done, catalog), created: false };
    const reservation = await this.reservations.claimReservation(trx, leadId, dealId);
    if (!reservation) {
      // A concurrent confirmation may have taken the reservation and committed meanwhile.
      const committed = await this.reservations.findByConversion(trx, leadId);
      return committed ? { deal: rowToDeal(committed, catalog), created: false } : undefined;
    }
    const { stage_id: stageId, last_stage_change_at: changedAt, added_at: addedAt, ...rest } = reservation.deal;
    // A stage deleted since the reservation sends the deal to the default stage.
    const stage = (await this.pipelines.findStage(trx, stageId!)) ?? (await this.pipelines.defaultStage(trx, tenantId));
    const fields: DealFields = { ...rest, stage_id: stage.id, contact_id: contactId, last_stage_change_at: changedAt ? new Date(changedAt) : null, added_at: addedAt ? new Date(addedAt) : null };
    const deal = await this.deals.insertDeal(trx, tenantId, reservation.creator_id, fields, stage, { id: contactId, organizationId }, catalog, { id: reservation.deal_id, conversionLeadId: leadId });
    return { deal, created: true };
  }

  /** Drops the caller's reservation after the conversion was refused (nothing to confirm then). */
  async cancel(principal: Principal, leadId: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, (trx) => this.reservations.dropReservation(trx, leadId, principal.userId));
  }
}
