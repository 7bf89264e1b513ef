import { Injectable } from '@nestjs/common';
import { sql, type Generated, type JSONColumnType, type Selectable } from 'kysely';
import { applyRecordFilters, listRecords, retagRecords, type RecordListQuery } from '@crm/records';
import type { StageCategory } from '../pipelines/stage-rules';
import type { DealFields } from './deal-input';
import type { Trx, DealsPipelinesDatabase } from '../database';

/**
 * An unconfirmed reservation older than this belongs to a conversion that was abandoned (its
 * caller's process died between the reservation and the conversion); another caller may take it.
 */
const ABANDONED_RESERVATION = sql`interval '10 minutes'`;

/** A deal row: the writable fields plus what the service derives and the bookkeeping. */
export interface DealsTable extends Omit<DealFields, 'stage_id' | 'last_stage_change_at' | 'custom_fields'> {
  /** Written as JSON text, read back as the object. */
  custom_fields: JSONColumnType<DealFields['custom_fields']>;
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  stage_id: string;
  pipeline_id: string;
  stage_category: StageCategory;
  organization_id: string | null;
  last_stage_change_at: Date;
  last_stage_change_by_id: string | null;
  last_activity_at: Generated<Date | null>;
  /** The lead whose conversion created the deal. */
  conversion_lead_id: Generated<string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DealStageChangesTable {
  id: Generated<string>;
  tenant_id: string;
  deal_id: string;
  pipeline_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  to_category: StageCategory;
  reason_id: string | null;
  changed_by_id: string;
  changed_at: Generated<Date>;
  /** Set when the deal moves on: when it left, where to, and whether that was forward. */
  left_at: Generated<Date | null>;
  next_stage_id: Generated<string | null>;
  advanced: Generated<boolean | null>;
  /** The deal's current owner (visibility of analytics). */
  owner_id: string;
}

/** A conversion's deal attributes while it waits for the conversion (timestamps as ISO text). */
export type ReservedDeal = Omit<DealFields, 'last_stage_change_at' | 'added_at'> & { last_stage_change_at: string | null; added_at: string | null };

export interface DealReservationsTable {
  tenant_id: string;
  lead_id: string;
  deal_id: string;
  creator_id: string;
  deal: ReservedDeal;
  fingerprint: string;
  confirmed_at: Date | null;
  created_at: Generated<Date>;
}

export interface DealContactsTable {
  tenant_id: string;
  deal_id: string;
  contact_id: string;
  role: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DealsTables {
  deals: DealsTable;
  deal_stage_changes: DealStageChangesTable;
  deal_contacts: DealContactsTable;
  deal_reservations: DealReservationsTable;
}

export type DealContactRow = Selectable<DealContactsTable>;
export const DEAL_CONTACT_SORT_COLUMNS = ['contact_id', 'role', 'created_at', 'updated_at'] as const;

export type DealRow = Selectable<DealsTable>;
/** What a write stores: the fields and the derived columns. */
export type DealWrite = Omit<DealsTable, 'id' | 'tenant_id' | 'creator_id' | 'last_activity_at' | 'conversion_lead_id' | 'created_at' | 'updated_at' | 'custom_fields'> & Pick<DealFields, 'custom_fields'>;

export const DEAL_FILTER_COLUMNS = [
  'owner_id', 'creator_id', 'contact_id', 'organization_id', 'source_id', 'stage_id', 'pipeline_id', 'hot', 'estimated_close_date', 'currency',
  'stage_category', 'loss_reason_id', 'unqualified_reason_id', 'name',
] as const;
export type DealFilterColumn = (typeof DEAL_FILTER_COLUMNS)[number];

export const DEAL_SORT_COLUMNS = [
  'id', 'name', 'value', 'currency', 'owner_id', 'stage_id', 'hot', 'estimated_close_date', 'last_stage_change_at', 'last_activity_at', 'created_at', 'updated_at',
] as const;
export type DealSortColumn = (typeof DEAL_SORT_COLUMNS)[number];

export type DealQuery = RecordListQuery<DealFilterColumn, DealSortColumn>;

export interface StageCurrencyTotal {
  stage_id: string;
  currency: string;
  deal_count: string;
  total: string;
}

/** The only SQL about deals and their stage history. Runs inside tenant transactions (row-level security). */
@Injectable()
export class DealsRepository {
  /** Inserts a deal; a conversion's deal takes its reserved id and names its lead. */
  async insert(trx: Trx, tenantId: string, creatorId: string, write: DealWrite, conversion?: { id: string; conversionLeadId: string }): Promise<DealRow> {
    const identity = conversion ? { id: conversion.id, conversion_lead_id: conversion.conversionLeadId } : {};
    return trx
      .insertInto('deals')
      .values({ ...write, ...identity, tenant_id: tenantId, creator_id: creatorId, custom_fields: JSON.stringify(write.custom_fields) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<DealRow | undefined> {
    const q = trx.selectFrom('deals').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  async update(trx: Trx, id: string, write: DealWrite): Promise<DealRow> {
    return trx
      .updateTable('deals')
      .set({ ...write, custom_fields: JSON.stringify(write.custom_fields), updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Renames or removes a tag on every deal carrying it. */
  async retag(trx: Trx, from: string, to: string | null): Promise<{ row: DealRow; previousTags: string[] }[]> {
    return retagRecords<DealRow, DealsPipelinesDatabase>(trx, 'deals', { from, to, versioned: false });
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('deals').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: DealQuery): Promise<DealRow[]> {
    return listRecords<DealRow, DealFilterColumn, DealSortColumn, DealsPipelinesDatabase>(trx, 'deals', q, []);
  }

  async count(trx: Trx, q: DealQuery): Promise<number> {
    const b = applyRecordFilters(trx.selectFrom('deals'), 'deals', q, []);
    return Number((await b.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  }

  /** Deal count and value per stage and currency of the deals a query matches (paging ignored). */
  async totalsByStage(trx: Trx, q: DealQuery): Promise<StageCurrencyTotal[]> {
    const b = applyRecordFilters(trx.selectFrom('deals'), 'deals', q, []);
    return b
      .select(['stage_id', 'currency', sql<string>`count(*)`.as('deal_count'), sql<string>`sum(value)::text`.as('total')])
      .groupBy(['stage_id', 'currency'])
      .execute();
  }

  async countInStage(trx: Trx, stageId: string): Promise<number> {
    return Number((await trx.selectFrom('deals').select(sql<string>`count(*)`.as('n')).where('stage_id', '=', stageId).executeTakeFirstOrThrow()).n);
  }

  /** Locks every deal of a stage (a stage deletion moves them all). */
  async lockStageDeals(trx: Trx, stageId: string): Promise<DealRow[]> {
    return trx.selectFrom('deals').selectAll().where('stage_id', '=', stageId).orderBy('id').forUpdate().execute();
  }

  async recordStageChanges(trx: Trx, rows: Omit<DealStageChangesTable, 'id' | 'changed_at' | 'left_at' | 'next_stage_id' | 'advanced'>[]): Promise<void> {
    if (rows.length > 0) await trx.insertInto('deal_stage_changes').values(rows).execute();
  }

  /**
   * Closes a deal's open history row as it moves to `to`: when it left, where it went, and whether
   * that was forward (won, or a later active stage of the same pipeline).
   */
  async closeStageChange(trx: Trx, dealId: string, to: { id: string; pipeline_id: string; category: string; position: number }): Promise<void> {
    await sql`
      update deal_stage_changes c
      set left_at = now(), next_stage_id = ${to.id},
          advanced = ${to.category} = 'won' or (${to.category} in ('incoming', 'in_progress')
            and exists (select 1 from stages cur where cur.id = c.to_stage_id and cur.pipeline_id = ${to.pipeline_id} and cur.position < ${to.position}))
      where c.deal_id = ${dealId} and c.left_at is null`.execute(trx);
  }

  /** History rows follow the deal's owner, so analytics filter by visibility on the index. */
  async setStageChangesOwner(trx: Trx, dealId: string, ownerId: string): Promise<void> {
    await trx.updateTable('deal_stage_changes').set({ owner_id: ownerId }).where('deal_id', '=', dealId).execute();
  }

  async listContacts(trx: Trx, dealId: string, q: { sort: { column: (typeof DEAL_CONTACT_SORT_COLUMNS)[number]; descending: boolean }[]; limit: number; offset: number }): Promise<DealContactRow[]> {
    let query = trx.selectFrom('deal_contacts').selectAll().where('deal_id', '=', dealId);
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    return query.orderBy('contact_id').limit(q.limit).offset(q.offset).execute();
  }

  /** Associates a contact, or changes its role; answers the row and whether anything changed. */
  async upsertContact(trx: Trx, tenantId: string, dealId: string, contactId: string, role: string): Promise<DealContactRow | undefined> {
    return trx
      .insertInto('deal_contacts')
      .values({ tenant_id: tenantId, deal_id: dealId, contact_id: contactId, role })
      .onConflict((oc) => oc.columns(['deal_id', 'contact_id']).doUpdateSet({ role, updated_at: sql`now()` }).where('deal_contacts.role', '<>', role))
      .returningAll()
      .executeTakeFirst();
  }

  async findContact(trx: Trx, dealId: string, contactId: string): Promise<DealContactRow | undefined> {
    return trx.selectFrom('deal_contacts').selectAll().where('deal_id', '=', dealId).where('contact_id', '=', contactId).executeTakeFirst();
  }

  async deleteContact(trx: Trx, dealId: string, contactId: string): Promise<boolean> {
    const r = await trx.deleteFrom('deal_contacts').where('deal_id', '=', dealId).where('contact_id', '=', contactId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async findByConversion(trx: Trx, leadId: string): Promise<DealRow | undefined> {
    return trx.selectFrom('deals').selectAll().where('conversion_lead_id', '=', leadId).executeTakeFirst();
  }

  /**
   * Reserves the deal of a lead's conversion, or re-reserves it (same id, new attributes) while it
   * is unconfirmed and its own; answers the reservation as it stands. A reservation belongs to the
   * caller who made it: another caller never overwrites it (a confirmed one is never changed) unless
   * it has been abandoned, unconfirmed, for longer than a conversion can take.
   */
  async reserve(trx: Trx, tenantId: string, leadId: string, creatorId: string, deal: ReservedDeal, fingerprint: string): Promise<{ deal_id: string; fingerprint: string; creator_id: string; confirmed: boolean }> {
    await sql`
      insert into deal_reservations (tenant_id, lead_id, deal_id, creator_id, deal, fingerprint)
      values (${tenantId}, ${leadId}, nextval(pg_get_serial_sequence('deals', 'id')), ${creatorId}, ${JSON.stringify(deal)}::jsonb, ${fingerprint})
      on conflict (tenant_id, lead_id) do update set deal = excluded.deal, creator_id = excluded.creator_id, fingerprint = excluded.fingerprint, created_at = now()
      where deal_reservations.confirmed_at is null
        and (deal_reservations.creator_id = excluded.creator_id or deal_reservations.created_at < now() - ${ABANDONED_RESERVATION})`.execute(trx);
    const row = await trx.selectFrom('deal_reservations').select(['deal_id', 'fingerprint', 'creator_id', 'confirmed_at']).where('lead_id', '=', leadId).executeTakeFirstOrThrow();
    return { deal_id: row.deal_id, fingerprint: row.fingerprint, creator_id: String(row.creator_id), confirmed: row.confirmed_at !== null };
  }

  /** Marks a lead's unconfirmed reservation confirmed and answers it (the row lock makes it once). */
  async claimReservation(trx: Trx, leadId: string, dealId: string): Promise<Selectable<DealReservationsTable> | undefined> {
    return trx
      .updateTable('deal_reservations')
      .set({ confirmed_at: sql`now()` })
      .where('lead_id', '=', leadId)
      .where('deal_id', '=', dealId)
      .where('confirmed_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  }

  async findReservation(trx: Trx, leadId: string): Promise<Selectable<DealReservationsTable> | undefined> {
    return trx.selectFrom('deal_reservations').selectAll().where('lead_id', '=', leadId).executeTakeFirst();
  }

  /** Drops the caller's own unconfirmed reservation; anyone else's stays. */
  async dropReservation(trx: Trx, leadId: string, creatorId: string): Promise<void> {
    await trx.deleteFrom('deal_reservations').where('lead_id', '=', leadId).where('creator_id', '=', creatorId).where('confirmed_at', 'is', null).execute();
  }
}
