import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { canSeeOwner, narrowOwners, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import { crm } from '@crm/proto';
import {
  AssignableOwners, buildListQuery, changedCustomFieldIds, CollaborationsError, CollaborationsService, CustomFieldsRepository, CustomFieldsService, indexCustomFields, ReferenceListsService, upsertByFilter,
  type CustomFieldCatalog, type ListName, type ListRecordsParams,
} from '@crm/records';
import type { DealsPipelinesConfig } from '../config/deals-pipelines.config';
import { ContactDirectory, type ContactRef } from '../contacts/contact-directory';
import { CONFIG, DATABASE } from '../deals-pipelines.constants';
import type { StageRow } from '../pipelines/pipelines.repository';
import { PipelinesError } from '../pipelines/pipelines.errors';
import { PipelinesService } from '../pipelines/pipelines.service';
import { applyDealInput, diffDeal, emptyDeal, settleOutcomeReasons, type DealFields } from './deal-input';
import { rowToDeal, rowToFields } from './deal.mapper';
import { DealsError } from './deals.errors';
import { DEAL_FILTER_COLUMNS, DEAL_SORT_COLUMNS, DealsRepository, type DealRow, type DealWrite } from './deals.repository';
import type { Trx, Database } from '../database';

type Deal = crm.deals.v1.Deal;
type DealInput = crm.deals.v1.DealInput;

export type ListDealsParams = ListRecordsParams<crm.deals.v1.DealFilter>;

const subject = (tenantId: string, id: string) => `tenants/${tenantId}/deals/${id}`;

/** The tenant lists deal attributes refer to. */
const REFERENCES: { field: 'source_id' | 'loss_reason_id' | 'unqualified_reason_id'; list: ListName; label: string }[] = [
  { field: 'source_id', list: 'deal_source', label: 'a deal source' },
  { field: 'loss_reason_id', list: 'loss_reason', label: 'a loss reason' },
  { field: 'unqualified_reason_id', list: 'deal_unqualified_reason', label: 'a deal unqualified reason' },
];

/** Event payload values must be JSON: timestamps travel as ISO text. */
function jsonValues(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

/**
 * Deal rules: validation, visibility and owner assignment as for leads, the contact check against
 * leads-contacts (as the caller), stage moves with their history, and one event per committed change.
 */
@Injectable()
export class DealsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: DealsPipelinesConfig,
    private readonly deals: DealsRepository,
    private readonly pipelines: PipelinesService,
    private readonly customFields: CustomFieldsService,
    private readonly customFieldValues: CustomFieldsRepository,
    private readonly referenceLists: ReferenceListsService,
    private readonly contacts: ContactDirectory,
    private readonly owners: AssignableOwners,
    private readonly sharing: CollaborationsService,
  ) {}

  async create(principal: Principal, input: DealInput, paths: readonly string[]): Promise<Deal> {
    // The contact is checked before the transaction, so no row lock waits on another service.
    const contact = await this.visibleContact(principal, paths.includes('contact_id') ? input.contactId : undefined);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const catalog = await this.catalog(trx);
      const { fields, stage } = await this.validateNew(trx, principal, input, paths, catalog, true);
      return this.insertDeal(trx, principal.tenantId, principal.userId, fields, stage, contact!, catalog);
    });
  }

  /** Validates a new deal as the caller: attributes, owner, stage (default: first of the oldest pipeline), reasons, references. */
  async validateNew(trx: Trx, principal: Principal, input: DealInput, paths: readonly string[], catalog: CustomFieldCatalog, contactRequired: boolean): Promise<{ fields: DealFields; stage: StageRow }> {
    const result = applyDealInput(emptyDeal(principal.userId, this.config.defaultCurrency), input, paths, catalog, { contactRequired });
    if ('violations' in result) throw DealsError.invalid(result.violations);
    const fields = result.fields;
    await this.owners.assert(trx, principal, fields.owner_id, 'deal');
    const stage = fields.stage_id ? await this.existingStage(trx, fields.stage_id) : await this.pipelines.defaultStage(trx, principal.tenantId);
    await this.checkOutcomeAndReferences(trx, fields, stage, paths);
    return { fields, stage };
  }

  /** Inserts a validated deal with its custom-field index, first history row and created event. */
  async insertDeal(trx: Trx, tenantId: string, creatorId: string, fields: DealFields, stage: StageRow, contact: ContactRef, catalog: CustomFieldCatalog, conversion?: { id: string; conversionLeadId: string }): Promise<Deal> {
    const row = await this.deals.insert(trx, tenantId, creatorId, {
      ...this.toWrite(fields, stage, contact),
      last_stage_change_at: fields.last_stage_change_at ?? new Date(),
      last_stage_change_by_id: creatorId,
    }, conversion);
    await indexCustomFields(this.customFieldValues, trx, tenantId, row.id, catalog, Object.keys(fields.custom_fields), fields.custom_fields);
    await this.deals.recordStageChanges(trx, [
      { tenant_id: tenantId, deal_id: row.id, pipeline_id: stage.pipeline_id, from_stage_id: null, to_stage_id: stage.id, to_category: stage.category, reason_id: outcomeReason(row), changed_by_id: creatorId, owner_id: row.owner_id },
    ]);
    const deal = rowToDeal(row, catalog);
    await appendToOutbox(trx, buildEvent({ kind: 'dealCreated', tenantId, aggregateId: row.id, subject: subject(tenantId, row.id), payload: { deal } }));
    return deal;
  }

  async get(principal: Principal, id: string): Promise<Deal> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => rowToDeal(await this.visibleDeal(trx, principal, id), await this.catalog(trx)));
  }

  async update(principal: Principal, id: string, input: DealInput, paths: readonly string[]): Promise<Deal> {
    const contact = paths.includes('contact_id') && input.contactId ? await this.visibleContact(principal, input.contactId) : undefined;
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => this.updateIn(trx, principal, await this.visibleDeal(trx, principal, id, true), input, paths, contact));
  }

  /** Creates a deal, or updates the one visible deal the filter matches (see upsertByFilter). */
  async upsert(principal: Principal, filter: crm.deals.v1.DealFilter, input: DealInput, paths: readonly string[]): Promise<{ deal: Deal; created: boolean }> {
    // As in create and update, the contact is checked before the transaction.
    const contact = paths.includes('contact_id') && input.contactId ? await this.visibleContact(principal, input.contactId) : undefined;
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const catalog = await this.catalog(trx);
      const { record, created } = await upsertByFilter(trx, { tenantId: principal.tenantId, resource: 'deal', filter }, {
        matches: async () => this.deals.list(trx, await this.listQuery(trx, principal, catalog, { page: 1, perPage: 2, filter, sort: [] })),
        update: async (match) => this.updateIn(trx, principal, await this.visibleDeal(trx, principal, match.id, true), input, paths, contact),
        create: async () => {
          const { fields, stage } = await this.validateNew(trx, principal, input, paths, catalog, true);
          return this.insertDeal(trx, principal.tenantId, principal.userId, fields, stage, contact!, catalog);
        },
      });
      return { deal: record, created };
    });
  }

  /**
   * A deal of the caller's tenant they may see and edit, by its owner or as a collaborator,
   * optionally locked; 404 for anything else.
   */
  async visibleDeal(trx: Trx, principal: Principal, id: string, forUpdate = false): Promise<DealRow> {
    const row = await this.deals.find(trx, id, forUpdate);
    if (!row || !(await this.sharing.access(trx, principal, 'deal', id, row.owner_id))) throw DealsError.notFound(id);
    return row;
  }

  /**
   * A deal the caller sees by its owner, as deleting it, changing its owner and its collaborators
   * need: 404 when they may not see it at all, 403 when they only collaborate on it.
   */
  async ownedDeal(trx: Trx, principal: Principal, id: string, forUpdate = false): Promise<DealRow> {
    const row = await this.visibleDeal(trx, principal, id, forUpdate);
    if (!canSeeOwner(principal, row.owner_id)) throw CollaborationsError.collaboratorOnly('deal', id);
    return row;
  }

  /**
   * Updates a visible deal row (locked by the caller) inside the caller's transaction; a changed
   * contact comes checked by the caller (see update).
   */
  async updateIn(trx: Trx, principal: Principal, row: DealRow, input: DealInput, paths: readonly string[], contact?: ContactRef): Promise<Deal> {
    const id = row.id;
    const catalog = await this.catalog(trx);
    const before = rowToFields(row);
    const result = applyDealInput(before, input, paths, catalog);
    if ('violations' in result) throw DealsError.invalid(result.violations);
    const fields = result.fields;
    // A null last_stage_change_at keeps the recorded one.
    fields.last_stage_change_at ??= row.last_stage_change_at;
    if (fields.owner_id !== before.owner_id) {
      if (!canSeeOwner(principal, before.owner_id)) throw CollaborationsError.collaboratorOnly('deal', id);
      await this.owners.assert(trx, principal, fields.owner_id, 'deal');
    }
    const stageChanged = fields.stage_id !== row.stage_id;
    const stage = stageChanged ? await this.existingStage(trx, fields.stage_id!) : ({ id: row.stage_id, pipeline_id: row.pipeline_id, category: row.stage_category } as StageRow);
    await this.checkOutcomeAndReferences(trx, fields, stage, paths);
    const { changed, previous } = diffDeal(before, fields, catalog);
    if (changed.length === 0) return rowToDeal(row, catalog);
    const write: DealWrite = {
      ...this.toWrite(fields, stage, contact ?? { id: row.contact_id!, organizationId: row.organization_id }),
      last_stage_change_at: fields.last_stage_change_at,
      last_stage_change_by_id: row.last_stage_change_by_id,
    };
    if (stageChanged) {
      if (!paths.includes('last_stage_change_at') || !input.lastStageChangeAt) write.last_stage_change_at = new Date();
      write.last_stage_change_by_id = principal.userId;
    }
    const updated = await this.deals.update(trx, id, write);
    await indexCustomFields(this.customFieldValues, trx, principal.tenantId, id, catalog, changedCustomFieldIds(before, fields), fields.custom_fields);
    await this.publishChange(trx, principal, row, updated, stage, catalog, { changed, previous });
    return rowToDeal(updated, catalog);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.ownedDeal(trx, principal, id, true);
      await this.deals.delete(trx, id);
      await this.customFieldValues.deleteRecordValues(trx, id, Object.keys(row.custom_fields));
      await appendToOutbox(trx, buildEvent({ kind: 'dealDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { id, ownerId: row.owner_id } }));
    });
  }

  async list(principal: Principal, params: ListDealsParams): Promise<{ items: Deal[]; totalCount?: number }> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const catalog = await this.catalog(trx);
      const query = await this.listQuery(trx, principal, catalog, params);
      const items = (await this.deals.list(trx, query)).map((r) => rowToDeal(r, catalog));
      return params.withTotalCount ? { items, totalCount: await this.deals.count(trx, query) } : { items };
    });
  }

  /** Every stage of a pipeline in order, with the count and value per currency of its matching deals. */
  async summarizeStages(principal: Principal, pipelineId: string, filter: crm.deals.v1.DealFilter): Promise<crm.deals.v1.StageTotal[]> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.pipelines.ensureDefaultPipeline(trx, principal.tenantId);
      const stages = await this.pipelines.stagesOf(trx, pipelineId);
      if (stages.length === 0) throw PipelinesError.notFound('pipeline', pipelineId);
      return this.totalsIn(trx, principal, pipelineId, filter, stages);
    });
  }

  /** The per-stage totals of a pipeline's matching deals, inside the caller's transaction. */
  async totalsIn(trx: Trx, principal: Principal, pipelineId: string, filter: crm.deals.v1.DealFilter, stages: readonly StageRow[]): Promise<crm.deals.v1.StageTotal[]> {
    const query = await this.listQuery(trx, principal, await this.catalog(trx), { page: 1, perPage: 1, filter: { ...filter, pipelineId }, sort: [] });
    const totals = await this.deals.totalsByStage(trx, query);
    return stages.map((s) => {
      const rows = totals.filter((t) => t.stage_id === s.id).sort((a, b) => a.currency.localeCompare(b.currency));
      return { stageId: s.id, dealCount: String(rows.reduce((n, r) => n + Number(r.deal_count), 0)), values: rows.map((r) => ({ currency: r.currency, amount: r.total })) };
    });
  }

  /** How many deals a stage holds (visible or not: a stage deletion must move them all). */
  async countInStage(trx: Trx, stageId: string): Promise<number> {
    return this.deals.countInStage(trx, stageId);
  }

  /** Moves every deal of a stage to another, with history and events as for single moves. */
  async moveStageDeals(trx: Trx, principal: Principal, from: StageRow, to: StageRow): Promise<number> {
    const rows = await this.deals.lockStageDeals(trx, from.id);
    const catalog = await this.catalog(trx);
    for (const row of rows) {
      const before = rowToFields(row);
      const fields = { ...before, stage_id: to.id };
      settleOutcomeReasons(fields, to.category, []);
      const updated = await this.deals.update(trx, row.id, {
        ...this.toWrite(fields, to, { id: row.contact_id!, organizationId: row.organization_id }),
        last_stage_change_at: new Date(),
        last_stage_change_by_id: principal.userId,
      });
      await this.publishChange(trx, principal, row, updated, to, catalog, diffDeal(before, fields, catalog));
    }
    return rows.length;
  }

  /** Events and history of one committed deal change (`stage` is the deal's stage after it): updated, then stage and owner changes. */
  private async publishChange(trx: Trx, principal: Principal, before: DealRow, after: DealRow, stage: StageRow, catalog: CustomFieldCatalog, diff: { changed: string[]; previous: Record<string, unknown> }): Promise<void> {
    const tenantId = principal.tenantId;
    const deal = rowToDeal(after, catalog);
    const event = { tenantId, aggregateId: after.id, subject: subject(tenantId, after.id) };
    const events = [buildEvent({ kind: 'dealUpdated', ...event, payload: { deal, changedFields: diff.changed, previousValues: jsonValues(diff.previous) } })];
    if (after.stage_id !== before.stage_id) {
      const reasonId = outcomeReason(after);
      await this.deals.closeStageChange(trx, after.id, stage);
      await this.deals.recordStageChanges(trx, [
        { tenant_id: tenantId, deal_id: after.id, pipeline_id: after.pipeline_id, from_stage_id: before.stage_id, to_stage_id: after.stage_id, to_category: after.stage_category, reason_id: reasonId, changed_by_id: principal.userId, owner_id: after.owner_id },
      ]);
      events.push(
        buildEvent({
          kind: 'dealStageChanged',
          ...event,
          payload: { deal, fromStageId: before.stage_id, fromCategory: before.stage_category, toStageId: after.stage_id, toCategory: after.stage_category, ...(reasonId ? { reasonId } : {}), changedById: principal.userId },
        }),
      );
    }
    if (after.owner_id !== before.owner_id) {
      await this.deals.setStageChangesOwner(trx, after.id, after.owner_id);
      events.push(buildEvent({ kind: 'dealOwnerChanged', ...event, payload: { deal, previousOwnerId: before.owner_id } }));
    }
    await appendToOutbox(trx, events);
  }

  private async listQuery(trx: Trx, principal: Principal, catalog: CustomFieldCatalog, params: ListDealsParams) {
    const team = params.filter.ownerIds ?? [];
    const built = buildListQuery(catalog, narrowOwners(principal, team), params, DEAL_FILTER_COLUMNS, DEAL_SORT_COLUMNS, 'deals');
    if ('violations' in built) throw DealsError.invalid(built.violations);
    // Deals the caller collaborates on are theirs to see too, unless the list asks for a team's.
    const sharedWith = team.length > 0 ? undefined : await this.sharing.sharedWith(trx, principal, 'deal', sql.ref('deals.id'));
    return sharedWith ? { ...built.query, sharedWith } : built.query;
  }

  private toWrite(fields: DealFields, stage: StageRow, contact: ContactRef): Omit<DealWrite, 'last_stage_change_at' | 'last_stage_change_by_id'> {
    const { last_stage_change_at: _l, stage_id: _s, ...rest } = fields;
    return { ...rest, stage_id: stage.id, pipeline_id: stage.pipeline_id, stage_category: stage.category, contact_id: contact.id, organization_id: contact.organizationId };
  }

  private async visibleContact(principal: Principal, contactId: string | undefined): Promise<ContactRef | undefined> {
    if (!contactId) return undefined;
    const contact = await this.contacts.find(principal, contactId);
    if (!contact) throw DealsError.invalid([{ field: 'contact_id', code: 'incorrect_value', message: 'is not a contact you can see' }]);
    return contact;
  }

  private async existingStage(trx: Trx, id: string): Promise<StageRow> {
    const stage = await this.pipelines.findStage(trx, id);
    if (!stage) throw DealsError.invalid([{ field: 'stage_id', code: 'incorrect_value', message: 'is not a stage of this account' }]);
    return stage;
  }

  /** Outcome reasons fit the stage, and source and reasons name items of the tenant's lists. */
  private async checkOutcomeAndReferences(trx: Trx, fields: DealFields, stage: StageRow, paths: readonly string[]): Promise<void> {
    const violations: FieldViolation[] = settleOutcomeReasons(fields, stage.category, paths);
    for (const ref of REFERENCES) {
      const id = fields[ref.field];
      if (id && !(await this.referenceLists.exists(trx, ref.list, id))) violations.push({ field: ref.field, code: 'incorrect_value', message: `is not ${ref.label} of this account` });
    }
    if (violations.length > 0) throw DealsError.invalid(violations);
  }

  /** Renames or removes a tag on every deal carrying it, each with its updated event; answers how many changed. */
  async retagIn(trx: Trx, principal: Principal, from: string, to: string | null): Promise<number> {
    const changed = await this.deals.retag(trx, from, to);
    if (changed.length === 0) return 0;
    const catalog = await this.catalog(trx);
    const { tenantId } = principal;
    await appendToOutbox(trx, changed.map(({ row, previousTags }) => buildEvent({ kind: 'dealUpdated', tenantId, aggregateId: row.id, subject: subject(tenantId, row.id), payload: { deal: rowToDeal(row, catalog), changedFields: ['tags'], previousValues: { tags: previousTags } } })));
    return changed.length;
  }

  /** The tenant's deal custom fields, inside the caller's transaction. */
  catalog(trx: Trx): Promise<CustomFieldCatalog> {
    return this.customFields.catalog(trx, 'deal');
  }
}

/** The reason recorded with a move into a lost or unqualified stage. */
function outcomeReason(row: DealRow): string | null {
  return row.stage_category === 'lost' ? row.loss_reason_id : row.stage_category === 'unqualified' ? row.unqualified_reason_id : null;
}
