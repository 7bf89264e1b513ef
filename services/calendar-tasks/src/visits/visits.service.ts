import { Inject, Injectable } from '@nestjs/common';
import { narrowOwners, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { ReferenceItemsRepository } from '@crm/records';
import { DATABASE } from '../calendar-tasks.constants';
import { CALL_RESOURCE_TYPES, type CallResourceType } from '../calls/call-rules';
import { ActivitiesError } from '../calls/activities.errors';
import { assertOutcome } from '../calls/calls.service';
import type { Database } from '../database';
import { RecordDirectory } from '../records/record-directory';
import { checkYearRange } from '../records/record-rules';
import { VERIFICATION_STATUSES, VISIT_SORT_COLUMNS, VisitsRepository, type VerificationStatus, type VisitRow } from './visits.repository';

type Visit = crm.calendar.v1.Visit;

export function toVisit(row: VisitRow): Visit {
  return {
    id: row.id,
    creatorId: row.creator_id,
    ...(row.outcome_id ? { outcomeId: row.outcome_id } : {}),
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    ...(row.resource_address ? { resourceAddress: row.resource_address } : {}),
    repLocationVerificationStatus: row.rep_location_verification_status,
    summary: row.summary,
    ...(row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : {}),
    visitedAt: row.visited_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface VisitInput {
  outcomeId?: string;
  resourceType: string;
  resourceId: string;
  resourceAddress?: string;
  status?: string;
  summary?: string;
  latitude?: number;
  longitude?: number;
  visitedAt?: Date;
}

/** Checks a visit's attributes; the verification status defaults by whether the device gave a position. */
export function checkVisit(input: VisitInput, now: Date): { violations: FieldViolation[]; status: VerificationStatus } {
  const violations: FieldViolation[] = [];
  if (!(CALL_RESOURCE_TYPES as readonly string[]).includes(input.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be lead or contact' });
  if (!/^[1-9][0-9]{0,15}$/.test(input.resourceId)) violations.push({ field: 'resource_id', code: 'missing', message: 'names the lead or contact visited' });
  const located = input.latitude !== undefined || input.longitude !== undefined;
  if (located && (input.latitude === undefined || input.longitude === undefined)) violations.push({ field: input.latitude === undefined ? 'latitude' : 'longitude', code: 'missing', message: 'latitude and longitude go together' });
  if (input.latitude !== undefined && !(Math.abs(input.latitude) <= 90)) violations.push({ field: 'latitude', code: 'incorrect_value', message: 'must be between -90 and 90' });
  if (input.longitude !== undefined && !(Math.abs(input.longitude) <= 180)) violations.push({ field: 'longitude', code: 'incorrect_value', message: 'must be between -180 and 180' });
  if (input.status !== undefined && !(VERIFICATION_STATUSES as readonly string[]).includes(input.status)) violations.push({ field: 'rep_location_verification_status', code: 'incorrect_value', message: `must be one of ${VERIFICATION_STATUSES.join(', ')}` });
  if (input.status === 'verified' && !located) violations.push({ field: 'rep_location_verification_status', code: 'incorrect_value', message: 'verified needs the latitude and longitude it was verified at' });
  if ((input.summary ?? '').length > 10_000) violations.push({ field: 'summary', code: 'incorrect_value', message: 'is longer than 10000 characters' });
  if ((input.resourceAddress ?? '').length > 1_000) violations.push({ field: 'resource_address', code: 'incorrect_value', message: 'is longer than 1000 characters' });
  violations.push(...checkYearRange('visited_at', input.visitedAt ?? now));
  const status = (input.status as VerificationStatus | undefined) ?? (located ? 'unverified' : 'unavailable');
  return { violations, status };
}

/** Visits: recorded by the user who made them at a lead or contact they see; visible to whoever sees that user. */
@Injectable()
export class VisitsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly visits: VisitsRepository,
    private readonly records: RecordDirectory,
    private readonly items: ReferenceItemsRepository,
  ) {}

  async create(principal: Principal, input: VisitInput): Promise<Visit> {
    const now = new Date();
    const { violations, status } = checkVisit(input, now);
    if (violations.length > 0) throw ActivitiesError.invalid('visit', violations);
    const resourceType = input.resourceType as CallResourceType;
    await this.records.assertVisible(principal, 'visit', 'resource_id', resourceType, [input.resourceId]);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await assertOutcome(this.items, trx, 'visit_outcome', input.outcomeId ?? null, 'visit');
      const row = await this.visits.insert(trx, {
        tenant_id: principal.tenantId, creator_id: principal.userId, outcome_id: input.outcomeId ?? null, resource_type: resourceType, resource_id: input.resourceId,
        resource_address: input.resourceAddress?.trim() || null, rep_location_verification_status: status, summary: (input.summary ?? '').trim(),
        latitude: input.latitude ?? null, longitude: input.longitude ?? null, visited_at: input.visitedAt ?? now,
      });
      const visit = toVisit(row);
      await appendToOutbox(trx, buildEvent({ kind: 'visitCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: `tenants/${principal.tenantId}/visits/${row.id}`, payload: { visit } }));
      return visit;
    });
  }

  async list(principal: Principal, params: { page: number; perPage: number; ids: string[]; outcomeId?: string; creatorId?: string; resourceType?: string; resourceId?: string; status?: string; sort: { field: string; descending: boolean }[] }): Promise<Visit[]> {
    const violations: FieldViolation[] = [];
    if (params.resourceType !== undefined && !(CALL_RESOURCE_TYPES as readonly string[]).includes(params.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be lead or contact' });
    if (params.status !== undefined && !(VERIFICATION_STATUSES as readonly string[]).includes(params.status)) violations.push({ field: 'rep_location_verification_status', code: 'incorrect_value', message: `must be one of ${VERIFICATION_STATUSES.join(', ')}` });
    const sort = params.sort.map((s) => ({ column: s.field as (typeof VISIT_SORT_COLUMNS)[number], descending: s.descending }));
    if (sort.some((s) => !(VISIT_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${VISIT_SORT_COLUMNS.join(', ')}` });
    if (violations.length > 0) throw ActivitiesError.invalid('visit', violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) =>
      (
        await this.visits.list(trx, {
          ids: params.ids,
          creatorIds: narrowOwners(principal, params.creatorId ? [params.creatorId] : []),
          ...(params.outcomeId ? { outcomeId: params.outcomeId } : {}),
          ...(params.resourceType ? { resourceType: params.resourceType as CallResourceType } : {}),
          ...(params.resourceId ? { resourceId: params.resourceId } : {}),
          ...(params.status ? { status: params.status as VerificationStatus } : {}),
          sort: sort.length > 0 ? sort : [{ column: 'id', descending: false }],
          limit: params.perPage,
          offset: (params.page - 1) * params.perPage,
        })
      ).map(toVisit),
    );
  }
}
