import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { canSeeOwner, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { DATABASE } from '@crm/service';
import { normaliseTags } from '../record-fields';
import { NotesError } from './notes.errors';
import { NOTES_OPTIONS, type NotesOptions } from './notes.options';
import { NOTE_SORT_COLUMNS, NotesRepository, type NoteRow, type NoteWithOwner, type NotesDatabase } from './notes.repository';

type Note = crm.common.v1.Note;
const MAX_CONTENT = 100_000;

export function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    creatorId: row.creator_id,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    content: row.content,
    isImportant: row.is_important,
    tags: row.tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Whoever sees a note's record, by its owner or because it is shared with them, sees the note. */
function sees(principal: Principal, row: NoteWithOwner): boolean {
  return canSeeOwner(principal, row.record_owner_id) || row.shared;
}

function checkContent(content: string, violations: FieldViolation[]): string {
  const t = content.trim();
  if (!t) violations.push({ field: 'content', code: 'blank', message: 'cannot be empty' });
  else if (t.length > MAX_CONTENT) violations.push({ field: 'content', code: 'incorrect_value', message: `is longer than ${MAX_CONTENT} characters` });
  return t;
}

function checkTags(tags: string[], violations: FieldViolation[]): string[] {
  const t = normaliseTags(tags);
  if (t.length > 100 || t.some((x) => x.length === 0 || x.length > 64)) violations.push({ field: 'tags', code: 'incorrect_value', message: 'up to 100 tags of 1 to 64 characters' });
  return t;
}

/** Notes on a service's records: whoever sees the record sees and writes its notes. */
@Injectable()
export class NotesService {
  private readonly types: readonly string[];

  constructor(
    @Inject(DATABASE) private readonly db: Kysely<NotesDatabase>,
    private readonly notes: NotesRepository,
    @Inject(NOTES_OPTIONS) private readonly options: NotesOptions,
  ) {
    this.types = Object.keys(options.records);
  }

  async create(principal: Principal, input: { resourceType: string; resourceId: string; content: string; isImportant: boolean; tags: string[] }): Promise<Note> {
    const violations: FieldViolation[] = [];
    if (!this.types.includes(input.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: `must be ${this.types.join(' or ')}` });
    const content = checkContent(input.content, violations);
    const tags = checkTags(input.tags, violations);
    if (violations.length > 0) throw NotesError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const owner = await this.notes.recordOwner(trx, input.resourceType, input.resourceId);
      if (!owner || !(canSeeOwner(principal, owner) || (await this.notes.isShared(trx, principal.userId, input.resourceType, input.resourceId)))) {
        throw NotesError.invalid([{ field: 'resource_id', code: 'incorrect_value', message: `is not a ${input.resourceType} you can see` }]);
      }
      const row = await this.notes.insert(trx, { tenant_id: principal.tenantId, creator_id: principal.userId, resource_type: input.resourceType, resource_id: input.resourceId, content, is_important: input.isImportant, tags });
      const note = toNote(row);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.created, tenantId: principal.tenantId, aggregateId: row.id, subject: `tenants/${principal.tenantId}/notes/${row.id}`, payload: { note, recordOwnerId: owner } }));
      return note;
    });
  }

  async get(principal: Principal, id: string): Promise<Note> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.notes.find(trx, id, principal.userId);
      if (!row || !sees(principal, row)) throw NotesError.notFound(id);
      return toNote(row);
    });
  }

  async update(principal: Principal, id: string, changes: { content?: string; isImportant?: boolean; tags?: string[] }): Promise<Note> {
    const violations: FieldViolation[] = [];
    const set: { content?: string; is_important?: boolean; tags?: string[] } = {};
    if (changes.content !== undefined) set.content = checkContent(changes.content, violations);
    if (changes.isImportant !== undefined) set.is_important = changes.isImportant;
    if (changes.tags !== undefined) set.tags = checkTags(changes.tags, violations);
    if (violations.length > 0) throw NotesError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const before = await this.notes.find(trx, id, principal.userId, true);
      if (!before || !sees(principal, before)) throw NotesError.notFound(id);
      const unchanged = (Object.keys(set) as (keyof typeof set)[]).every((k) => JSON.stringify(set[k]) === JSON.stringify(before[k]));
      if (unchanged) return toNote(before);
      const row = await this.notes.update(trx, id, set);
      const note = toNote(row);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.updated, tenantId: principal.tenantId, aggregateId: id, subject: `tenants/${principal.tenantId}/notes/${id}`, payload: { note, recordOwnerId: before.record_owner_id } }));
      return note;
    });
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.notes.find(trx, id, principal.userId, true);
      if (!row || !sees(principal, row)) throw NotesError.notFound(id);
      await this.notes.delete(trx, id);
      await appendToOutbox(trx, buildEvent({ kind: this.options.events.deleted, tenantId: principal.tenantId, aggregateId: id, subject: `tenants/${principal.tenantId}/notes/${id}`, payload: { note: toNote(row), recordOwnerId: row.record_owner_id } }));
    });
  }

  async list(principal: Principal, params: { offset: number; limit: number; withTotalCount?: boolean; ids: string[]; resourceType?: string; resourceId?: string; creatorId?: string; query?: string; sort: { field: string; descending: boolean }[] }): Promise<{ items: Note[]; totalCount?: number }> {
    const violations: FieldViolation[] = [];
    if (params.resourceType !== undefined && !this.types.includes(params.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: `must be ${this.types.join(' or ')}` });
    const sort = params.sort.map((s) => ({ column: s.field as (typeof NOTE_SORT_COLUMNS)[number], descending: s.descending }));
    if (sort.some((s) => !(NOTE_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${NOTE_SORT_COLUMNS.join(', ')}` });
    if (violations.length > 0) throw NotesError.invalid(violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const query = {
        ids: params.ids,
        ...(params.resourceType ? { resourceType: params.resourceType } : {}),
        ...(params.resourceId ? { resourceId: params.resourceId } : {}),
        ...(params.creatorId ? { creatorId: params.creatorId } : {}),
        words: (params.query ?? '').split(/\s+/).filter(Boolean).slice(0, 10),
        ownerIds: principal.visibleOwnerIds,
        userId: principal.userId,
        sort: sort.length > 0 ? sort : [{ column: 'updated_at' as const, descending: false }],
        limit: params.limit,
        offset: params.offset,
      };
      const items = (await this.notes.list(trx, query)).map(toNote);
      return params.withTotalCount ? { items, totalCount: await this.notes.count(trx, query) } : { items };
    });
  }
}
