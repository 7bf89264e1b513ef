import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind, type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { AssignableOwners } from '@crm/records';
import { DATABASE } from '../deals-pipelines.constants';
import { DealsService } from '../deals/deals.service';
import type { Database, Trx } from '../database';
import { CollaborationsError } from './collaborations.errors';
import { COLLABORATION_SORT_COLUMNS, CollaborationsRepository, type CollaborationRow } from './collaborations.repository';

type Collaboration = crm.deals.v1.Collaboration;

function toCollaboration(row: CollaborationRow): Collaboration {
  return {
    id: row.id,
    creatorId: row.creator_id,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    collaboratorId: row.collaborator_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const subject = (tenantId: string, id: string) => `tenants/${tenantId}/collaborations/${id}`;

/**
 * Collaborators on deals: whoever sees a deal by its owner adds an active user of the tenant to it
 * and removes them; a collaborator may leave. A collaboration is visible with its deal.
 */
@Injectable()
export class CollaborationsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly collaborations: CollaborationsRepository,
    private readonly deals: DealsService,
    private readonly owners: AssignableOwners,
  ) {}

  async create(principal: Principal, input: { resourceType: string; resourceId: string; collaboratorId: string }): Promise<Collaboration> {
    const violations: FieldViolation[] = [];
    if (input.resourceType !== 'deal') violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be deal' });
    if (!input.resourceId || input.resourceId === '0') violations.push({ field: 'resource_id', code: 'missing', message: 'is required' });
    if (!input.collaboratorId || input.collaboratorId === '0') violations.push({ field: 'collaborator_id', code: 'missing', message: 'is required' });
    if (violations.length > 0) throw CollaborationsError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const deal = await this.dealOf(trx, principal, input.resourceId);
      if ((await this.owners.inactive(trx, principal, [input.collaboratorId])).size > 0) {
        throw CollaborationsError.invalid([{ field: 'collaborator_id', code: 'incorrect_value', message: 'is not an active user of this account' }]);
      }
      const row = await this.collaborations.insert(trx, { tenant_id: principal.tenantId, creator_id: principal.userId, resource_type: 'deal', resource_id: deal.id, collaborator_id: input.collaboratorId });
      if (!row) throw CollaborationsError.exists();
      const collaboration = toCollaboration(row);
      await appendToOutbox(trx, buildEvent({ kind: 'collaborationCreated', tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, row.id), payload: { collaboration, recordOwnerId: deal.owner_id } }));
      return collaboration;
    });
  }

  async get(principal: Principal, id: string): Promise<Collaboration> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => toCollaboration(await this.visible(trx, principal, id)));
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.visible(trx, principal, id, true);
      if (!canSeeOwner(principal, row.record_owner_id) && row.collaborator_id !== principal.userId) throw CollaborationsError.notAllowed();
      await this.collaborations.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: 'collaborationDeleted', tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { collaboration: toCollaboration(row), recordOwnerId: row.record_owner_id } }));
    });
  }

  async list(principal: Principal, params: { offset: number; limit: number; ids: string[]; resourceType?: string; resourceId?: string; creatorId?: string; collaboratorId?: string; sort: { field: string; descending: boolean }[] }): Promise<Collaboration[]> {
    const sort = params.sort.map((s) => ({ column: s.field as (typeof COLLABORATION_SORT_COLUMNS)[number], descending: s.descending }));
    const violations: FieldViolation[] = [];
    if (params.resourceType !== undefined && params.resourceType !== 'deal') violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be deal' });
    if (sort.some((s) => !(COLLABORATION_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${COLLABORATION_SORT_COLUMNS.join(', ')}` });
    if (violations.length > 0) throw CollaborationsError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const rows = await this.collaborations.list(trx, {
        ids: params.ids,
        ...(params.resourceType ? { resourceType: params.resourceType } : {}),
        ...(params.resourceId ? { resourceId: params.resourceId } : {}),
        ...(params.creatorId ? { creatorId: params.creatorId } : {}),
        ...(params.collaboratorId ? { collaboratorId: params.collaboratorId } : {}),
        viewer: { userId: principal.userId, ownerIds: principal.visibleOwnerIds },
        sort,
        limit: params.limit,
        offset: params.offset,
      });
      return rows.map(toCollaboration);
    });
  }

  /** The deal a new collaboration is on: one the caller sees by its owner (422 otherwise, 403 for its collaborators). */
  private async dealOf(trx: Trx, principal: Principal, dealId: string) {
    try {
      return await this.deals.ownedDeal(trx, principal, dealId, true);
    } catch (e) {
      if (e instanceof DomainError && e.kind === ErrorKind.NotFound) throw CollaborationsError.invalid([{ field: 'resource_id', code: 'incorrect_value', message: 'is not a deal you can see' }]);
      throw e;
    }
  }

  private async visible(trx: Trx, principal: Principal, id: string, forUpdate = false) {
    const row = await this.collaborations.find(trx, id, forUpdate);
    const sees = row && (canSeeOwner(principal, row.record_owner_id) || (await this.collaborations.isCollaborator(trx, row.resource_id, principal.userId)));
    if (!row || !sees) throw CollaborationsError.notFound(id);
    return row;
  }
}
