import { Injectable } from '@nestjs/common';
import type { Generated, Selectable } from 'kysely';
import type { Trx } from '../database';
import type { CallResourceType } from '../calls/call-rules';

export const VERIFICATION_STATUSES = ['verified', 'unverified', 'unavailable'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface VisitsTable {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  outcome_id: string | null;
  resource_type: CallResourceType;
  resource_id: string;
  resource_address: string | null;
  rep_location_verification_status: VerificationStatus;
  summary: string;
  latitude: number | null;
  longitude: number | null;
  visited_at: Date;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VisitsTables {
  visits: VisitsTable;
}

export type VisitRow = Selectable<VisitsTable>;
export const VISIT_SORT_COLUMNS = ['id', 'visited_at', 'created_at', 'updated_at'] as const;

export interface VisitQuery {
  ids: string[];
  creatorIds: readonly string[] | 'all';
  outcomeId?: string;
  resourceType?: CallResourceType;
  resourceId?: string;
  status?: VerificationStatus;
  sort: { column: (typeof VISIT_SORT_COLUMNS)[number]; descending: boolean }[];
  limit: number;
  offset: number;
}

/** The only SQL about visits. */
@Injectable()
export class VisitsRepository {
  async insert(trx: Trx, row: Omit<VisitsTable, 'id' | 'created_at' | 'updated_at'>): Promise<VisitRow> {
    return trx.insertInto('visits').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async list(trx: Trx, q: VisitQuery): Promise<VisitRow[]> {
    let query = trx.selectFrom('visits').selectAll();
    if (q.creatorIds !== 'all') query = query.where('creator_id', 'in', q.creatorIds.length > 0 ? [...q.creatorIds] : ['0']);
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.outcomeId) query = query.where('outcome_id', '=', q.outcomeId);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
    if (q.resourceId) query = query.where('resource_id', '=', q.resourceId);
    if (q.status) query = query.where('rep_location_verification_status', '=', q.status);
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(q.limit).offset(q.offset).execute();
  }
}
