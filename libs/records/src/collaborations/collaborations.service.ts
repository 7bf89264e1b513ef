import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Kysely, RawBuilder, Transaction } from 'kysely';
import { canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction, type NotificationListener, TenantNoticeCache, transactionTenant } from '@crm/db-pg';
import { type FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { DATABASE, NOTIFICATIONS } from '@crm/service';
import { AssignableOwners } from '../owners/assignable-owners';
import type { ServiceTransaction } from '../tags/tags.options';
import { CollaborationsError } from './collaborations.errors';
import { COLLABORATIONS_OPTIONS, type CollaborationsOptions } from './collaborations.options';
import { collaboratesOn, COLLABORATION_SORT_COLUMNS, CollaborationsRepository, type CollaborationRow, type CollaborationsDatabase } from './collaborations.repository';

type Collaboration = crm.common.v1.Collaboration;
type Trx = Transaction<CollaborationsDatabase>;

/** How a caller reaches a record: by its owner (owner, managers, admins), as a collaborator, or not at all. */
export type RecordAccess = 'owner' | 'collaborator' | undefined;

function toCollaboration(row: CollaborationRow): Collaboration {
  return { id: row.id, creatorId: row.creator_id, resourceType: row.resource_type, resourceId: row.resource_id, collaboratorId: row.collaborator_id, createdAt: row.created_at, updatedAt: row.updated_at };
}

const subject = (tenantId: string, id: string) => `tenants/${tenantId}/collaborations/${id}`;

/** The channel a change of a tenant's collaborations is announced on (migration collaborations/0002). */
const COLLABORATIONS_CHANNEL = 'collaborations';
/** Tenants whose collaborators a process keeps. */
const CACHED_TENANTS = 10_000;

/**
 * Collaborators on a service's records: whoever sees a record by its owner adds an active user of
 * the tenant to it and removes them; a collaborator may leave. A collaborator sees and edits the
 * record (the services ask {@link access}); deleting it, changing its owner and its collaborators
 * stay with those who see it by its owner. A collaboration is visible with its record.
 */
@Injectable()
export class CollaborationsService implements OnModuleInit {
  private readonly types: readonly string[];
  /** Per tenant, who collaborates on something (`type:userId`). */
  private readonly collaborators: TenantNoticeCache<Set<string>>;

  constructor(
    @Inject(DATABASE) private readonly db: Kysely<CollaborationsDatabase>,
    @Inject(COLLABORATIONS_OPTIONS) private readonly options: CollaborationsOptions,
    private readonly collaborations: CollaborationsRepository,
    private readonly owners: AssignableOwners,
    @Inject(NOTIFICATIONS) notifications: NotificationListener,
  ) {
    this.types = Object.keys(options.records);
    this.collaborators = new TenantNoticeCache(notifications, COLLABORATIONS_CHANNEL, CACHED_TENANTS);
  }

  onModuleInit(): Promise<void> {
    return this.collaborators.listen();
  }

  /** How the caller reaches the record owned by `ownerId`, inside the service's transaction. */
  async access(trx: ServiceTransaction, principal: Principal, type: string, id: string, ownerId: string): Promise<RecordAccess> {
    if (canSeeOwner(principal, ownerId)) return 'owner';
    return (await this.collaborations.isCollaborator(trx, type, id, principal.userId)) ? 'collaborator' : undefined;
  }

  /**
   * The list condition for records of `type` shared with the caller (`recordId` names the listed
   * record's id), or undefined when there are none: most users collaborate on nothing, and their
   * lists keep a plain condition on the owner the planner serves from the owner index. Who
   * collaborates is kept per tenant until the database announces a change, so a list costs no
   * extra statement.
   */
  async sharedWith(trx: ServiceTransaction, principal: Principal, type: string, recordId: RawBuilder<unknown>): Promise<RawBuilder<boolean> | undefined> {
    if (principal.visibleOwnerIds === 'all') return undefined;
    const collaborators = await this.collaborators.get(transactionTenant(trx), 'collaborators', () => this.collaborations.collaborators(trx));
    return collaborators.has(`${type}:${principal.userId}`) ? collaboratesOn(principal.userId, type, recordId) : undefined;
  }

  async create(principal: Principal, input: { resourceType: string; resourceId: string; collaboratorId: string }): Promise<Collaboration> {
    const violations: FieldViolation[] = [];
    if (!this.types.includes(input.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: `must be ${this.types.join(' or ')}` });
    if (!input.resourceId || input.resourceId === '0') violations.push({ field: 'resource_id', code: 'missing', message: 'is required' });
    if (!input.collaboratorId || input.collaboratorId === '0') violations.push({ field: 'collaborator_id', code: 'missing', message: 'is required' });
    if (violations.length > 0) throw CollaborationsError.invalid(violations);
    return this.changing(principal.tenantId, async (trx) => {
      const ownerId = await this.collaborations.recordOwner(trx, input.resourceType, input.resourceId);
      const access = ownerId === undefined ? undefined : await this.access(trx, principal, input.resourceType, input.resourceId, ownerId);
      if (access === 'collaborator') throw CollaborationsError.collaboratorOnly(input.resourceType, input.resourceId);
      if (access === undefined) throw CollaborationsError.invalid([{ field: 'resource_id', code: 'incorrect_value', message: `is not a ${input.resourceType} you can see` }]);
      if ((await this.owners.inactive(trx, principal, [input.collaboratorId])).size > 0) {
        throw CollaborationsError.invalid([{ field: 'collaborator_id', code: 'incorrect_value', message: 'is not an active user of this account' }]);
      }
      const row = await this.collaborations.insert(trx, { tenant_id: principal.tenantId, creator_id: principal.userId, resource_type: input.resourceType, resource_id: input.resourceId, collaborator_id: input.collaboratorId });
      if (!row) throw CollaborationsError.exists(input.resourceType);
      const collaboration = toCollaboration(row);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.created, tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal.tenantId, row.id), payload: { collaboration, recordOwnerId: ownerId! } }));
      return collaboration;
    });
  }

  async get(principal: Principal, id: string): Promise<Collaboration> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => toCollaboration(await this.visible(trx, principal, id)));
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.changing(principal.tenantId, async (trx) => {
      const row = await this.visible(trx, principal, id, true);
      if (!canSeeOwner(principal, row.record_owner_id) && row.collaborator_id !== principal.userId) throw CollaborationsError.notAllowed();
      await this.collaborations.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.deleted, tenantId: principal.tenantId, aggregateId: id, subject: subject(principal.tenantId, id), payload: { collaboration: toCollaboration(row), recordOwnerId: row.record_owner_id } }));
    });
  }

  async list(principal: Principal, params: { offset: number; limit: number; withTotalCount?: boolean; ids: string[]; resourceType?: string; resourceId?: string; creatorId?: string; collaboratorId?: string; sort: { field: string; descending: boolean }[] }): Promise<{ items: Collaboration[]; totalCount?: number }> {
    const sort = params.sort.map((s) => ({ column: s.field as (typeof COLLABORATION_SORT_COLUMNS)[number], descending: s.descending }));
    const violations: FieldViolation[] = [];
    if (params.resourceType !== undefined && !this.types.includes(params.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: `must be ${this.types.join(' or ')}` });
    if (sort.some((s) => !(COLLABORATION_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${COLLABORATION_SORT_COLUMNS.join(', ')}` });
    if (violations.length > 0) throw CollaborationsError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const query = {
        ids: params.ids,
        ...(params.resourceType ? { resourceType: params.resourceType } : {}),
        ...(params.resourceId ? { resourceId: params.resourceId } : {}),
        ...(params.creatorId ? { creatorId: params.creatorId } : {}),
        ...(params.collaboratorId ? { collaboratorId: params.collaboratorId } : {}),
        viewer: { userId: principal.userId, ownerIds: principal.visibleOwnerIds },
        sort,
        limit: params.limit,
        offset: params.offset,
      };
      const items = (await this.collaborations.list(trx, query)).map(toCollaboration);
      return params.withTotalCount ? { items, totalCount: await this.collaborations.count(trx, query) } : { items };
    });
  }

  /** A change of the tenant's collaborations: this process forgets who collaborates as soon as it ends. */
  private async changing<T>(tenantId: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
    try {
      return await inTenantTransaction(this.db, tenantId, fn);
    } finally {
      this.collaborators.forget(tenantId);
    }
  }

  private async visible(trx: Trx, principal: Principal, id: string, forUpdate = false) {
    const row = await this.collaborations.find(trx, id, forUpdate);
    if (!row || !(await this.access(trx, principal, row.resource_type, row.resource_id, row.record_owner_id))) throw CollaborationsError.notFound(id);
    return row;
  }
}
