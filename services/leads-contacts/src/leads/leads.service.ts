import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { assertOwnerAssignable, buildListQuery, changedCustomFieldIds, type CustomFieldCatalog, CustomFieldsRepository, CustomFieldsService, indexCustomFields, ReferenceListsService, type ListRecordsParams } from '@crm/records';
import { DATABASE } from '../leads-contacts.constants';
import { applyLeadInput, diffLead, EMPTY_LEAD, type LeadFields } from './lead-input';
import { rowToFields, rowToLead } from './lead.mapper';
import { LeadsError } from './leads.errors';
import { LEAD_FILTER_COLUMNS, LEAD_SORT_COLUMNS, LeadsRepository, type LeadRow } from './leads.repository';
import type { Trx, Database } from '../database';

type Lead = crm.leads.v1.Lead;
type LeadInput = crm.leads.v1.LeadInput;

export type ListLeadsParams = ListRecordsParams<crm.leads.v1.LeadFilter>;

const subject = (tenantId: string, id: string) => `tenants/${tenantId}/leads/${id}`;

/** Lead rules: validation, visibility, owner assignment, and one event per committed change. */
@Injectable()
export class LeadsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly leads: LeadsRepository,
    private readonly referenceLists: ReferenceListsService,
    private readonly customFields: CustomFieldsService,
    private readonly customFieldValues: CustomFieldsRepository,
  ) {}

  /** `capture` marks a lead created by a capture form submission; its event says so. */
  async create(principal: Principal, input: LeadInput, presentPaths: readonly string[], capture?: crm.leads.v1.LeadCapture): Promise<Lead> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => this.createIn(trx, principal, input, presentPaths, await this.catalog(trx), capture));
  }

  /** Creates a lead inside the caller's transaction (imports create many in one). */
  async createIn(trx: Trx, principal: Principal, input: LeadInput, presentPaths: readonly string[], catalog: CustomFieldCatalog, capture?: crm.leads.v1.LeadCapture): Promise<Lead> {
    const owner = input.ownerId ?? principal.userId;
    const result = applyLeadInput({ ...EMPTY_LEAD, owner_id: owner }, { ...input, ownerId: owner }, presentPaths, catalog);
    if ('violations' in result) throw LeadsError.invalid(result.violations);
    assertOwnerAssignable(principal, result.fields.owner_id, 'lead');
    await this.assertReferencesExist(trx, result.fields);
    const row = await this.leads.insert(trx, principal.tenantId, principal.userId, result.fields);
    await indexCustomFields(this.customFieldValues, trx, principal.tenantId, row.id, catalog, Object.keys(result.fields.custom_fields), result.fields.custom_fields);
    const lead = rowToLead(row, catalog);
    await appendToOutbox(trx, buildEvent({ kind: 'leadCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, row.id), payload: { lead, capture } }));
    return lead;
  }

  async get(principal: Principal, id: string): Promise<Lead> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.leads.find(trx, id);
      if (!row || !canSeeOwner(principal, row.owner_id)) throw LeadsError.notFound(id);
      return rowToLead(row, await this.catalog(trx));
    });
  }

  async update(principal: Principal, id: string, input: LeadInput, paths: readonly string[]): Promise<Lead> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.leads.findForUpdate(trx, id);
      if (!row || !canSeeOwner(principal, row.owner_id)) throw LeadsError.notFound(id);
      return this.updateIn(trx, principal, row, input, paths, await this.catalog(trx));
    });
  }

  /** Updates a visible lead row (locked by the caller) inside the caller's transaction. */
  async updateIn(trx: Trx, principal: Principal, row: LeadRow, input: LeadInput, paths: readonly string[], catalog: CustomFieldCatalog): Promise<Lead> {
    const id = row.id;
    if (row.converted_at) throw LeadsError.converted(id);
    const before = rowToFields(row);
    const result = applyLeadInput(before, input, paths, catalog);
    if ('violations' in result) throw LeadsError.invalid(result.violations);
    if (result.fields.owner_id !== before.owner_id) assertOwnerAssignable(principal, result.fields.owner_id, 'lead');
    const { changed, previous } = diffLead(before, result.fields, catalog);
    if (changed.length === 0) return rowToLead(row, catalog);
    await this.assertReferencesExist(trx, result.fields);
    const updated = await this.leads.update(trx, id, result.fields);
    await indexCustomFields(this.customFieldValues, trx, principal.tenantId, id, catalog, changedCustomFieldIds(before, result.fields), result.fields.custom_fields);
    const lead = rowToLead(updated, catalog);
    await appendToOutbox(
      trx,
      buildEvent({ kind: 'leadUpdated', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { lead, changedFields: changed, previousValues: previous } }),
    );
    return lead;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.leads.findForUpdate(trx, id);
      if (!row || !canSeeOwner(principal, row.owner_id)) throw LeadsError.notFound(id);
      if (row.converted_at) throw LeadsError.converted(id);
      await this.leads.delete(trx, id);
      await this.customFieldValues.deleteRecordValues(trx, id, Object.keys(row.custom_fields));
      await appendToOutbox(trx, buildEvent({ kind: 'leadDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { id, ownerId: row.owner_id } }));
    });
  }

  async list(principal: Principal, params: ListLeadsParams): Promise<{ items: Lead[]; totalCount?: number }> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const catalog = await this.catalog(trx);
      const built = buildListQuery(catalog, principal.visibleOwnerIds, params, LEAD_FILTER_COLUMNS, LEAD_SORT_COLUMNS, 'leads');
      if ('violations' in built) throw LeadsError.invalid(built.violations);
      const items = (await this.leads.list(trx, built.query)).map((r) => rowToLead(r, catalog));
      return params.withTotalCount ? { items, totalCount: await this.leads.count(trx, built.query) } : { items };
    });
  }

  catalog(trx: Trx): Promise<CustomFieldCatalog> {
    return this.customFields.catalog(trx, 'lead');
  }

  /** source_id and unqualified_reason_id must name items of the tenant's lists. */
  private async assertReferencesExist(trx: Trx, fields: LeadFields): Promise<void> {
    const violations: FieldViolation[] = [];
    if (fields.source_id && !(await this.referenceLists.exists(trx, 'lead_source', fields.source_id))) {
      violations.push({ field: 'source_id', code: 'incorrect_value', message: 'is not a lead source of this account' });
    }
    if (fields.unqualified_reason_id && !(await this.referenceLists.exists(trx, 'lead_unqualified_reason', fields.unqualified_reason_id))) {
      violations.push({ field: 'unqualified_reason_id', code: 'incorrect_value', message: 'is not a lead unqualified reason of this account' });
    }
    if (violations.length > 0) throw LeadsError.invalid(violations);
  }
}
