import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { AssignableOwners, assertOwnerAssignable, buildListQuery, ownerNotAUser, changedCustomFieldIds, CollaborationsError, CollaborationsService, type CustomFieldCatalog, CustomFieldsRepository, CustomFieldsService, indexCustomFields, indexNewRecordsCustomFields, ReferenceListsService, upsertByFilter, type ListRecordsParams } from '@crm/records';
import { DATABASE } from '../leads-contacts.constants';
import { applyLeadInput, diffLead, EMPTY_LEAD, LEAD_STATUSES, type LeadFields } from './lead-input';
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
    private readonly owners: AssignableOwners,
    private readonly collaborations: CollaborationsService,
  ) {}

  /** `capture` marks a lead created by a capture form submission; its event says so. */
  async create(principal: Principal, input: LeadInput, presentPaths: readonly string[], capture?: crm.leads.v1.LeadCapture): Promise<Lead> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => this.createIn(trx, principal, input, presentPaths, await this.catalog(trx), capture));
  }

  /** Creates a lead inside the caller's transaction. */
  async createIn(trx: Trx, principal: Principal, input: LeadInput, presentPaths: readonly string[], catalog: CustomFieldCatalog, capture?: crm.leads.v1.LeadCapture): Promise<Lead> {
    const fields = this.newLeadFields(principal, input, presentPaths, catalog);
    await this.owners.assertActive(trx, principal, fields.owner_id, 'lead');
    await this.assertReferencesExist(trx, fields);
    return (await this.insertLeads(trx, principal, [fields], catalog, capture))[0]!;
  }

  /**
   * Creates many leads inside the caller's transaction with the statements of one (imports): each
   * input is checked on its own and becomes a lead, or the error it would have answered alone.
   */
  async createManyIn(trx: Trx, principal: Principal, inputs: readonly { input: LeadInput; paths: readonly string[] }[], catalog: CustomFieldCatalog): Promise<(Lead | DomainError)[]> {
    const checked = inputs.map(({ input, paths }) => {
      try {
        return this.newLeadFields(principal, input, paths, catalog);
      } catch (e) {
        if (e instanceof DomainError) return e;
        throw e;
      }
    });
    const valid = checked.filter((c): c is LeadFields => !(c instanceof DomainError));
    const check = await this.referenceCheck(trx, valid);
    const inactive = await this.owners.inactive(trx, principal, valid.map((c) => c.owner_id));
    const outcomes = checked.map((c) => {
      if (c instanceof DomainError) return c;
      if (inactive.has(c.owner_id)) return ownerNotAUser('lead', c.owner_id);
      const violations = check(c);
      return violations.length > 0 ? LeadsError.invalid(violations) : c;
    });
    const leads = await this.insertLeads(trx, principal, outcomes.filter((o): o is LeadFields => !(o instanceof DomainError)), catalog);
    let next = 0;
    return outcomes.map((o) => (o instanceof DomainError ? o : leads[next++]!));
  }

  /** The fields of a new lead from its input, or the error (invalid input, an owner the caller may not assign). */
  private newLeadFields(principal: Principal, input: LeadInput, presentPaths: readonly string[], catalog: CustomFieldCatalog): LeadFields {
    const owner = input.ownerId ?? principal.userId;
    const result = applyLeadInput({ ...EMPTY_LEAD, owner_id: owner }, { ...input, ownerId: owner }, presentPaths, catalog);
    if ('violations' in result) throw LeadsError.invalid(result.violations);
    assertOwnerAssignable(principal, result.fields.owner_id, 'lead');
    return result.fields;
  }

  /** Inserts validated leads with their custom field index and their created events. */
  private async insertLeads(trx: Trx, principal: Principal, fields: readonly LeadFields[], catalog: CustomFieldCatalog, capture?: crm.leads.v1.LeadCapture): Promise<Lead[]> {
    if (fields.length === 0) return [];
    const { tenantId } = principal;
    const rows = await this.leads.insertMany(trx, tenantId, principal.userId, fields);
    await indexNewRecordsCustomFields(this.customFieldValues, trx, tenantId, catalog, rows.map((row) => ({ recordId: row.id, stored: row.custom_fields })));
    const leads = rows.map((row) => rowToLead(row, catalog));
    await appendToOutbox(trx, leads.map((lead) => buildEvent({ kind: 'leadCreated', tenantId, aggregateId: lead.id, subject: subject(tenantId, lead.id), payload: { lead, capture } })));
    return leads;
  }

  async get(principal: Principal, id: string): Promise<Lead> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.leads.find(trx, id);
      if (!row || !(await this.collaborations.access(trx, principal, 'lead', row.id, row.owner_id))) throw LeadsError.notFound(id);
      return rowToLead(row, await this.catalog(trx));
    });
  }

  async update(principal: Principal, id: string, input: LeadInput, paths: readonly string[]): Promise<Lead> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.leads.findForUpdate(trx, id);
      if (!row || !(await this.collaborations.access(trx, principal, 'lead', row.id, row.owner_id))) throw LeadsError.notFound(id);
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
    if (result.fields.owner_id !== before.owner_id) {
      // A collaborator edits the lead but does not hand it to anyone.
      if (!canSeeOwner(principal, before.owner_id)) throw CollaborationsError.collaboratorOnly('lead', row.id);
      await this.owners.assert(trx, principal, result.fields.owner_id, 'lead');
    }
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

  /** The statuses a lead can have, in the order of a lead's life; their ids are their positions. */
  statuses(): crm.leads.v1.LeadStatus[] {
    return LEAD_STATUSES.map((name, i) => ({ id: String(i + 1), name, position: i + 1 }));
  }

  /** Creates a lead, or updates the one visible lead the filter matches (see upsertByFilter). */
  async upsert(principal: Principal, filter: crm.leads.v1.LeadFilter, input: LeadInput, paths: readonly string[]): Promise<{ lead: Lead; created: boolean }> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const catalog = await this.catalog(trx);
      const { record, created } = await upsertByFilter(trx, { tenantId: principal.tenantId, resource: 'lead', filter }, {
        matches: async () => {
          const built = buildListQuery(catalog, principal.visibleOwnerIds, { page: 1, perPage: 2, filter, sort: [] }, LEAD_FILTER_COLUMNS, LEAD_SORT_COLUMNS, 'leads');
          if ('violations' in built) throw LeadsError.invalid(built.violations);
          return this.leads.list(trx, built.query);
        },
        update: async (match) => this.updateIn(trx, principal, (await this.leads.findForUpdate(trx, match.id))!, input, paths, catalog),
        create: () => this.createIn(trx, principal, input, paths, catalog),
      });
      return { lead: record, created };
    });
  }

  /** Renames or removes a tag on every lead carrying it, each with its updated event; answers how many changed. */
  async retagIn(trx: Trx, principal: Principal, from: string, to: string | null): Promise<number> {
    const changed = await this.leads.retag(trx, from, to);
    if (changed.length === 0) return 0;
    const catalog = await this.catalog(trx);
    const { tenantId } = principal;
    await appendToOutbox(trx, changed.map(({ row, previousTags }) => buildEvent({ kind: 'leadUpdated', tenantId, aggregateId: row.id, subject: subject(tenantId, row.id), payload: { lead: rowToLead(row, catalog), changedFields: ['tags'], previousValues: { tags: previousTags } } })));
    return changed.length;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.leads.findForUpdate(trx, id);
      const access = row ? await this.collaborations.access(trx, principal, 'lead', row.id, row.owner_id) : undefined;
      if (!row || !access) throw LeadsError.notFound(id);
      if (access === 'collaborator') throw CollaborationsError.collaboratorOnly('lead', id);
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
      // Records the caller collaborates on are theirs to see too.
      const sharedWith = await this.collaborations.sharedWith(trx, principal, 'lead', sql.ref('leads.id'));
      const query = sharedWith ? { ...built.query, sharedWith } : built.query;
      const items = (await this.leads.list(trx, query)).map((r) => rowToLead(r, catalog));
      return params.withTotalCount ? { items, totalCount: await this.leads.count(trx, query) } : { items };
    });
  }

  catalog(trx: Trx): Promise<CustomFieldCatalog> {
    return this.customFields.catalog(trx, 'lead');
  }

  private async assertReferencesExist(trx: Trx, fields: LeadFields): Promise<void> {
    const violations = (await this.referenceCheck(trx, [fields]))(fields);
    if (violations.length > 0) throw LeadsError.invalid(violations);
  }

  /**
   * source_id and unqualified_reason_id must name items of the tenant's lists: looks up the items
   * the given leads name, one statement per list, and returns the check of one lead.
   */
  private async referenceCheck(trx: Trx, leads: readonly LeadFields[]): Promise<(fields: LeadFields) => FieldViolation[]> {
    const named = (pick: (f: LeadFields) => string | null) => leads.map(pick).filter((id): id is string => !!id);
    const sourceIds = named((f) => f.source_id);
    const reasonIds = named((f) => f.unqualified_reason_id);
    const sources = sourceIds.length > 0 ? await this.referenceLists.existing(trx, 'lead_source', sourceIds) : new Set<string>();
    const reasons = reasonIds.length > 0 ? await this.referenceLists.existing(trx, 'lead_unqualified_reason', reasonIds) : new Set<string>();
    return (fields) => {
      const violations: FieldViolation[] = [];
      if (fields.source_id && !sources.has(fields.source_id)) violations.push({ field: 'source_id', code: 'incorrect_value', message: 'is not a lead source of this account' });
      if (fields.unqualified_reason_id && !reasons.has(fields.unqualified_reason_id)) {
        violations.push({ field: 'unqualified_reason_id', code: 'incorrect_value', message: 'is not a lead unqualified reason of this account' });
      }
      return violations;
    };
  }
}
