import { Inject, Injectable } from '@nestjs/common';
import type { Kysely, Transaction } from 'kysely';
import { canAssignOwner, canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { DATABASE } from '../leads-contacts.constants';
import type { ReferenceListsDatabase } from '../reference-lists/reference-items.repository';
import { ReferenceListsService } from '../reference-lists/reference-lists.service';
import { applyLeadInput, diffLead, EMPTY_LEAD, type LeadFields } from './lead-input';
import { rowToFields, rowToLead } from './lead.mapper';
import { LeadsError, LeadsErrorCode } from './leads.errors';
import { LEAD_FILTER_COLUMNS, LEAD_SORT_COLUMNS, LeadsRepository, type LeadFilterColumn, type LeadSortColumn, type LeadsDatabase } from './leads.repository';

type Lead = crm.leads.v1.Lead;
type LeadInput = crm.leads.v1.LeadInput;

export interface ListLeadsParams {
  page: number;
  perPage: number;
  filter: crm.leads.v1.LeadFilter;
  sort: { field: string; descending: boolean }[];
}

const subject = (tenantId: string, id: string) => `tenants/${tenantId}/leads/${id}`;
const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Lead rules: validation, visibility, owner assignment, and one event per committed change. */
@Injectable()
export class LeadsService {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<LeadsDatabase>,
    private readonly leads: LeadsRepository,
    private readonly referenceLists: ReferenceListsService,
  ) {}

  async create(principal: Principal, input: LeadInput, presentPaths: readonly string[]): Promise<Lead> {
    const owner = input.ownerId ?? principal.userId;
    const result = applyLeadInput({ ...EMPTY_LEAD, owner_id: owner }, { ...input, ownerId: owner }, presentPaths);
    if ('violations' in result) throw LeadsError.invalid(result.violations);
    this.assertAssignable(principal, result.fields.owner_id);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.assertReferencesExist(trx, result.fields);
      const row = await this.leads.insert(trx, principal.tenantId, principal.userId, result.fields);
      const lead = rowToLead(row);
      await appendToOutbox(trx, buildEvent({ kind: 'leadCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, row.id), payload: { lead } }));
      return lead;
    });
  }

  async get(principal: Principal, id: string): Promise<Lead> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.leads.find(trx, id);
      if (!row || !canSeeOwner(principal, row.owner_id)) throw LeadsError.notFound(id);
      return rowToLead(row);
    });
  }

  async update(principal: Principal, id: string, input: LeadInput, paths: readonly string[]): Promise<Lead> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.leads.findForUpdate(trx, id);
      if (!row || !canSeeOwner(principal, row.owner_id)) throw LeadsError.notFound(id);
      const before = rowToFields(row);
      const result = applyLeadInput(before, input, paths);
      if ('violations' in result) throw LeadsError.invalid(result.violations);
      if (result.fields.owner_id !== before.owner_id) this.assertAssignable(principal, result.fields.owner_id);
      const { changed, previous } = diffLead(before, result.fields);
      if (changed.length === 0) return rowToLead(row);
      await this.assertReferencesExist(trx, result.fields);
      const updated = await this.leads.update(trx, id, result.fields);
      const lead = rowToLead(updated);
      await appendToOutbox(
        trx,
        buildEvent({ kind: 'leadUpdated', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { lead, changedFields: changed, previousValues: previous } }),
      );
      return lead;
    });
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.leads.findForUpdate(trx, id);
      if (!row || !canSeeOwner(principal, row.owner_id)) throw LeadsError.notFound(id);
      await this.leads.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: 'leadDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { id, ownerId: row.owner_id } }));
    });
  }

  async list(principal: Principal, params: ListLeadsParams): Promise<Lead[]> {
    const equals: Partial<Record<LeadFilterColumn, string>> = {};
    const f = params.filter as unknown as Record<string, string | undefined>;
    for (const column of LEAD_FILTER_COLUMNS) {
      const v = f[camel(column)];
      if (v !== undefined && v !== null) equals[column] = v;
    }
    const sort = params.sort.map((s) => {
      if (!(LEAD_SORT_COLUMNS as readonly string[]).includes(s.field)) {
        throw LeadsError.invalid([{ field: 'sort_by', code: 'incorrect_value', message: `cannot sort by ${s.field}` }]);
      }
      return { column: s.field as LeadSortColumn, descending: s.descending };
    });
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const rows = await this.leads.list(trx, {
        ids: params.filter.ids,
        ownerIds: principal.visibleOwnerIds,
        equals,
        sort,
        limit: params.perPage,
        offset: (params.page - 1) * params.perPage,
      });
      return rows.map(rowToLead);
    });
  }

  /** source_id and unqualified_reason_id must name items of the tenant's lists. */
  private async assertReferencesExist(trx: Transaction<LeadsDatabase>, fields: LeadFields): Promise<void> {
    const lists = trx as unknown as Transaction<ReferenceListsDatabase>;
    const violations = [];
    if (fields.source_id && !(await this.referenceLists.exists(lists, 'lead_source', fields.source_id))) {
      violations.push({ field: 'source_id', code: 'incorrect_value', message: 'is not a lead source of this account' });
    }
    if (fields.unqualified_reason_id && !(await this.referenceLists.exists(lists, 'lead_unqualified_reason', fields.unqualified_reason_id))) {
      violations.push({ field: 'unqualified_reason_id', code: 'incorrect_value', message: 'is not a lead unqualified reason of this account' });
    }
    if (violations.length > 0) throw LeadsError.invalid(violations);
  }

  private assertAssignable(principal: Principal, ownerId: string): void {
    if (!canAssignOwner(principal, ownerId)) {
      throw new LeadsError(LeadsErrorCode.OwnerNotAssignable, `you may not assign leads to user ${ownerId}`, {
        resource: 'lead',
        violations: [{ field: 'owner_id', code: 'incorrect_value', message: 'is not a user you may assign records to' }],
      });
    }
  }
}

