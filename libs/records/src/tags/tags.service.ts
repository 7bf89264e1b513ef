import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Principal } from '@crm/auth';
import { inTenantTransaction, isUniqueViolation } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { DATABASE } from '@crm/service';
import { MAX_TAG_LENGTH } from '../record-fields';
import { TagsError } from './tags.errors';
import { TAGGED_RECORDS, TAGS_OPTIONS, type TaggedRecords, type TagsOptions } from './tags.options';
import { TAG_SORT_COLUMNS, TagsRepository, type TagRow, type TagsDatabase } from './tags.repository';

type Tag = crm.common.v1.Tag;

export function toTag(row: TagRow): Tag {
  return { id: row.id, creatorId: row.creator_id, resourceType: row.resource_type, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at };
}

function checkName(name: string, violations: FieldViolation[]): string {
  const t = name.trim();
  if (!t) violations.push({ field: 'name', code: 'blank', message: 'cannot be empty' });
  else if (t.length > MAX_TAG_LENGTH) violations.push({ field: 'name', code: 'incorrect_value', message: `is longer than ${MAX_TAG_LENGTH} characters` });
  return t;
}

/**
 * The tag list of a service's record types: everyone reads it and adds tags; admins rename and
 * delete tags, since that changes every record carrying them, visible to the admin or not.
 */
@Injectable()
export class TagsService {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<TagsDatabase>,
    private readonly tags: TagsRepository,
    @Inject(TAGS_OPTIONS) private readonly options: TagsOptions,
    @Inject(TAGGED_RECORDS) private readonly records: TaggedRecords,
  ) {}

  private checkType(resourceType: string | undefined, violations: FieldViolation[]): void {
    if (resourceType !== undefined && !this.options.resourceTypes.includes(resourceType)) {
      violations.push({ field: 'resource_type', code: 'incorrect_value', message: `must be ${this.options.resourceTypes.join(' or ')}` });
    }
  }

  async create(principal: Principal, input: { resourceType: string; name: string }): Promise<Tag> {
    const violations: FieldViolation[] = [];
    this.checkType(input.resourceType, violations);
    const name = checkName(input.name, violations);
    if (violations.length > 0) throw TagsError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.tags.insert(trx, { tenant_id: principal.tenantId, resource_type: input.resourceType, name, creator_id: principal.userId });
      if (!row) throw TagsError.nameTaken(input.resourceType, name);
      const tag = toTag(row);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.created, tenantId: principal.tenantId, aggregateId: row.id, subject: subject(principal, row.id), payload: { tag } }));
      return tag;
    });
  }

  async get(principal: Principal, id: string): Promise<Tag> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.tags.find(trx, id);
      if (!row) throw TagsError.notFound(id);
      return toTag(row);
    });
  }

  /** Renames a tag on the list and on every record carrying it, in one transaction. */
  async rename(principal: Principal, id: string, newName: string): Promise<Tag> {
    const violations: FieldViolation[] = [];
    const name = checkName(newName, violations);
    if (violations.length > 0) throw TagsError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const before = await this.tags.find(trx, id, true);
      if (!before) throw TagsError.notFound(id);
      if (principal.role !== 'admin') throw TagsError.adminOnly();
      if (before.name === name) return toTag(before);
      if (await this.tags.exists(trx, before.resource_type, name)) throw TagsError.nameTaken(before.resource_type, name);
      // A tag of that name made since the check (a record given it, say) still makes the name taken.
      const tag = toTag(
        await this.tags.rename(trx, id, name).catch((e: unknown) => {
          throw isUniqueViolation(e) ? TagsError.nameTaken(before.resource_type, name) : e;
        }),
      );
      const retagged = await this.records.retag(trx, principal, before.resource_type, before.name, name);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.updated, tenantId: principal.tenantId, aggregateId: id, subject: subject(principal, id), payload: { tag, previousName: before.name, recordsRetagged: String(retagged) } }));
      return tag;
    });
  }

  /** Deletes a tag and takes it off every record carrying it, in one transaction. */
  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.tags.find(trx, id, true);
      if (!row) throw TagsError.notFound(id);
      if (principal.role !== 'admin') throw TagsError.adminOnly();
      await this.tags.delete(trx, id);
      const retagged = await this.records.retag(trx, principal, row.resource_type, row.name, null);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.deleted, tenantId: principal.tenantId, aggregateId: id, subject: subject(principal, id), payload: { tag: toTag(row), recordsRetagged: String(retagged) } }));
    });
  }

  async list(principal: Principal, params: { offset: number; limit: number; withTotalCount?: boolean; ids: string[]; resourceType?: string; name?: string; creatorId?: string; sort: { field: string; descending: boolean }[] }): Promise<{ items: Tag[]; totalCount?: number }> {
    const violations: FieldViolation[] = [];
    this.checkType(params.resourceType, violations);
    const sort = params.sort.map((s) => ({ column: s.field as (typeof TAG_SORT_COLUMNS)[number], descending: s.descending }));
    if (sort.some((s) => !(TAG_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${TAG_SORT_COLUMNS.join(', ')}` });
    if (violations.length > 0) throw TagsError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const query = {
        ids: params.ids,
        ...(params.resourceType ? { resourceType: params.resourceType } : {}),
        ...(params.name !== undefined ? { name: params.name } : {}),
        ...(params.creatorId ? { creatorId: params.creatorId } : {}),
        sort: sort.length > 0 ? sort : [{ column: 'id' as const, descending: false }],
        limit: params.limit,
        offset: params.offset,
      };
      const items = (await this.tags.list(trx, query)).map(toTag);
      return params.withTotalCount ? { items, totalCount: await this.tags.count(trx, query) } : { items };
    });
  }
}

const subject = (principal: Principal, id: string) => `tenants/${principal.tenantId}/tags/${id}`;
