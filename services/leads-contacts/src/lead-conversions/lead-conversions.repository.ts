import { Injectable } from '@nestjs/common';
import type { Generated, Selectable } from 'kysely';
import type { Trx } from '../database';

export interface LeadConversionsTable {
  id: Generated<string>;
  tenant_id: string;
  lead_id: string;
  lead_owner_id: string;
  individual_id: string | null;
  organization_id: string | null;
  deal_id: string | null;
  creator_id: string;
  created_at: Generated<Date>;
}

export interface LeadConversionsTables {
  lead_conversions: LeadConversionsTable;
}

export type LeadConversionRow = Selectable<LeadConversionsTable>;

export interface ConversionQuery {
  beforeId?: string;
  limit: number;
  offset: number;
  ownerIds: readonly string[] | 'all';
  equals: Partial<Record<'lead_id' | 'individual_id' | 'organization_id' | 'deal_id', string>>;
}

/** The only SQL about lead conversion records. */
@Injectable()
export class LeadConversionsRepository {
  async insert(trx: Trx, row: Omit<LeadConversionsTable, 'id' | 'created_at'>): Promise<LeadConversionRow> {
    return trx.insertInto('lead_conversions').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async findByLead(trx: Trx, leadId: string): Promise<LeadConversionRow | undefined> {
    return trx.selectFrom('lead_conversions').selectAll().where('lead_id', '=', leadId).executeTakeFirst();
  }

  async list(trx: Trx, q: ConversionQuery): Promise<LeadConversionRow[]> {
    let query = trx.selectFrom('lead_conversions').selectAll();
    if (q.ownerIds !== 'all') query = query.where('lead_owner_id', 'in', q.ownerIds.length > 0 ? [...q.ownerIds] : ['0']);
    if (q.beforeId) query = query.where('id', '<', q.beforeId);
    for (const [column, value] of Object.entries(q.equals) as [keyof ConversionQuery['equals'], string][]) query = query.where(column, '=', value);
    return query.orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  }
}
