import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, narrowOwners, type Principal } from '@crm/auth';
import { inTenantTransaction, isUniqueViolation, narrowTo } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { AssignableOwners, ReferenceItemsRepository, type ListName, type ReferenceListsDatabase } from '@crm/records';
import { DATABASE } from '../calendar-tasks.constants';
import type { Database, Trx } from '../database';
import { RecordDirectory } from '../records/record-directory';
import { ActivitiesError } from './activities.errors';
import { applyCallChanges, CALL_RESOURCE_TYPES, changedCallFields, type CallChanges, type CallResourceType, type CallState } from './call-rules';
import { CALL_SORT_COLUMNS, CallsRepository, type CallRow } from './calls.repository';

type Call = crm.calendar.v1.Call;

export function toCall(row: CallRow): Call {
  return {
    id: row.id,
    userId: row.user_id,
    summary: row.summary,
    ...(row.recording_url ? { recordingUrl: row.recording_url } : {}),
    ...(row.outcome_id ? { outcomeId: row.outcome_id } : {}),
    duration: row.duration,
    ...(row.phone_number ? { phoneNumber: row.phone_number } : {}),
    incoming: row.incoming,
    missed: row.missed,
    ...(row.resource_type && row.resource_id ? { resourceType: row.resource_type, resourceId: row.resource_id } : {}),
    associatedDealIds: row.associated_deal_ids,
    madeAt: row.made_at,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function stateOf(row: CallRow): CallState {
  const { id: _id, tenant_id: _t, created_at: _c, updated_at: _u, ...state } = row;
  return state;
}

const referenceTables = narrowTo<ReferenceListsDatabase>();

/** Whether an outcome id names an item of the list in the caller's tenant (row-level security hides other tenants'). */
export async function assertOutcome(items: ReferenceItemsRepository, trx: Trx, list: ListName, id: string | null, resource: 'call' | 'visit'): Promise<void> {
  if (id !== null && !(await items.find(referenceTables(trx), list, id))) throw ActivitiesError.invalid(resource, [{ field: 'outcome_id', code: 'incorrect_value', message: `is not a ${list.replace('_', ' ')} of this account` }]);
}

/**
 * Calls: visible to whoever sees their user; logged for a user within the caller's reach; on a
 * lead or contact the caller sees, with deals the caller sees. Every change writes its event.
 */
@Injectable()
export class CallsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly calls: CallsRepository,
    private readonly owners: AssignableOwners,
    private readonly records: RecordDirectory,
    private readonly items: ReferenceItemsRepository,
  ) {}

  async create(principal: Principal, changes: CallChanges): Promise<Call> {
    const blank: CallState = {
      user_id: principal.userId, summary: '', recording_url: null, outcome_id: null, duration: 0, phone_number: null, incoming: false, missed: false,
      resource_type: null, resource_id: null, associated_deal_ids: [], made_at: new Date(), external_id: null,
    };
    const { state, violations } = applyCallChanges(blank, changes);
    if (violations.length > 0) throw ActivitiesError.invalid('call', violations);
    await this.assertRecords(principal, state, null);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.owners.assert(trx, principal, state.user_id, 'call');
      await assertOutcome(this.items, trx, 'call_outcome', state.outcome_id, 'call');
      const row = await this.insertOnce(trx, principal.tenantId, state);
      const call = toCall(row);
      await appendToOutbox(trx, buildEvent({ kind: 'callCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: `tenants/${principal.tenantId}/calls/${row.id}`, payload: { call } }));
      return call;
    });
  }

  async get(principal: Principal, id: string): Promise<Call> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => toCall(await this.visible(trx, principal, id)));
  }

  async update(principal: Principal, id: string, changes: CallChanges): Promise<Call> {
    const before = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.visible(trx, principal, id));
    const { state, violations } = applyCallChanges(stateOf(before), changes);
    if (violations.length > 0) throw ActivitiesError.invalid('call', violations);
    await this.assertRecords(principal, state, before);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const current = await this.visible(trx, principal, id, true);
      const { state: next, violations: late } = applyCallChanges(stateOf(current), changes);
      if (late.length > 0) throw ActivitiesError.invalid('call', late);
      if (next.user_id !== current.user_id) await this.owners.assert(trx, principal, next.user_id, 'call');
      if (next.outcome_id !== current.outcome_id) await assertOutcome(this.items, trx, 'call_outcome', next.outcome_id, 'call');
      const changed = changedCallFields(stateOf(current), next);
      if (changed.length === 0) return toCall(current);
      let row: CallRow;
      try {
        row = await this.calls.update(trx, id, next);
      } catch (e) {
        throw isUniqueViolation(e) ? ActivitiesError.invalid('call', [{ field: 'external_id', code: 'already_exists', message: 'is the id of another call' }]) : e;
      }
      const call = toCall(row);
      await appendToOutbox(trx, buildEvent({ kind: 'callUpdated', tenantId: principal.tenantId, aggregateId: id, subject: `tenants/${principal.tenantId}/calls/${id}`, payload: { call, changedFields: changed } }));
      return call;
    });
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.visible(trx, principal, id, true);
      await this.calls.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: 'callDeleted', tenantId: principal.tenantId, aggregateId: id, subject: `tenants/${principal.tenantId}/calls/${id}`, payload: { call: toCall(row) } }));
    });
  }

  async list(principal: Principal, params: { page: number; perPage: number; ids: string[]; resourceType?: string; resourceId?: string; associatedDealId?: string; sort: { field: string; descending: boolean }[] }): Promise<Call[]> {
    const violations: FieldViolation[] = [];
    if (params.resourceType !== undefined && !(CALL_RESOURCE_TYPES as readonly string[]).includes(params.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be lead or contact' });
    const sort = params.sort.map((s) => ({ column: s.field as (typeof CALL_SORT_COLUMNS)[number], descending: s.descending }));
    if (sort.some((s) => !(CALL_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${CALL_SORT_COLUMNS.join(', ')}` });
    if (violations.length > 0) throw ActivitiesError.invalid('call', violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) =>
      (
        await this.calls.list(trx, {
          ids: params.ids,
          userIds: narrowOwners(principal, []),
          ...(params.resourceType ? { resourceType: params.resourceType as CallResourceType } : {}),
          ...(params.resourceId ? { resourceId: params.resourceId } : {}),
          ...(params.associatedDealId ? { associatedDealId: params.associatedDealId } : {}),
          sort: sort.length > 0 ? sort : [{ column: 'id', descending: false }],
          limit: params.perPage,
          offset: (params.page - 1) * params.perPage,
        })
      ).map(toCall),
    );
  }

  /** The record and the deals a call names, checked with their services as the caller (only what changed). */
  private async assertRecords(principal: Principal, state: CallState, before: CallRow | null): Promise<void> {
    if (state.resource_type && state.resource_id && (state.resource_id !== before?.resource_id || state.resource_type !== before.resource_type)) {
      await this.records.assertVisible(principal, 'call', 'resource_id', state.resource_type, [state.resource_id]);
    }
    const newDeals = state.associated_deal_ids.filter((d) => !before?.associated_deal_ids.includes(d));
    await this.records.assertVisible(principal, 'call', 'associated_deal_ids', 'deal', newDeals);
  }

  private async insertOnce(trx: Trx, tenantId: string, state: CallState): Promise<CallRow> {
    try {
      return await this.calls.insert(trx, { tenant_id: tenantId, ...state });
    } catch (e) {
      throw isUniqueViolation(e) ? ActivitiesError.invalid('call', [{ field: 'external_id', code: 'already_exists', message: 'is the id of another call' }]) : e;
    }
  }

  private async visible(trx: Trx, principal: Principal, id: string, forUpdate = false): Promise<CallRow> {
    const row = await this.calls.find(trx, id, forUpdate);
    if (!row || !canSeeOwner(principal, row.user_id)) throw ActivitiesError.notFound('call', id);
    return row;
  }
}
