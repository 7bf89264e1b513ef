import { Inject, Injectable } from '@nestjs/common';
import { sql, type Generated, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import { attachedRecordOwner, findRecordOwner, type AttachedRecords } from '../attached-record';
import { NOTES_OPTIONS, type NotesOptions } from './notes.options';

export interface NotesTable {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  resource_type: string;
  resource_id: string;
  content: string;
  is_important: boolean;
  tags: string[];
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface NotesDatabase {
  notes: NotesTable;
}

export type NoteRow = Selectable<NotesTable>;
/** A note with the owner of its record, and whether that record is shared with the reader. */
export type NoteWithOwner = NoteRow & { record_owner_id: string; shared: boolean };
export const NOTE_SORT_COLUMNS = ['id', 'created_at', 'updated_at'] as const;
type Trx = Transaction<NotesDatabase>;

export interface NoteQuery {
  ids: string[];
  resourceType?: string;
  resourceId?: string;
  creatorId?: string;
  words: string[];
  ownerIds: readonly string[] | 'all';
  /** The reader, for records shared with them. */
  userId: string;
  sort: { column: (typeof NOTE_SORT_COLUMNS)[number]; descending: boolean }[];
  limit: number;
  offset: number;
}

/** The only SQL about notes (it reads the owner of the noted record from the service's record tables). */
@Injectable()
export class NotesRepository {
  // The owner of the record a note is on decides who sees the note.
  private readonly recordOwnerSql: RawBuilder<string>;
  private readonly records: AttachedRecords;

  constructor(@Inject(NOTES_OPTIONS) private readonly options: NotesOptions) {
    this.records = options.records;
    this.recordOwnerSql = attachedRecordOwner('notes', options.records);
  }

  recordOwner(trx: Trx, type: string, id: string): Promise<string | undefined> {
    return findRecordOwner(trx, this.records, type, id);
  }

  /** Whether the record is shared with the user beyond their owner set. */
  async isShared(trx: Trx, userId: string, type: string, id: string): Promise<boolean> {
    if (!this.options.sharedWith) return false;
    const { rows } = await sql<{ shared: boolean }>`select ${this.options.sharedWith(userId, sql.val(type), sql.val(id))} as shared`.execute(trx);
    return rows[0]?.shared === true;
  }

  private sharedSql(userId: string): RawBuilder<boolean> {
    return this.options.sharedWith ? this.options.sharedWith(userId, sql.ref('notes.resource_type'), sql.ref('notes.resource_id')) : sql<boolean>`false`;
  }

  async insert(trx: Trx, row: Omit<NotesTable, 'id' | 'created_at' | 'updated_at'>): Promise<NoteRow> {
    return trx.insertInto('notes').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, userId: string, forUpdate = false): Promise<NoteWithOwner | undefined> {
    const q = trx.selectFrom('notes').selectAll().select(this.recordOwnerSql.as('record_owner_id')).select(this.sharedSql(userId).as('shared')).where('id', '=', id);
    return (await (forUpdate ? q.forUpdate() : q).executeTakeFirst()) as NoteWithOwner | undefined;
  }

  async update(trx: Trx, id: string, changes: Partial<Pick<NotesTable, 'content' | 'is_important' | 'tags'>>): Promise<NoteRow> {
    return trx.updateTable('notes').set({ ...changes, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('notes').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: NoteQuery): Promise<NoteWithOwner[]> {
    let query = this.filtered(trx, q).selectAll().select(this.recordOwnerSql.as('record_owner_id')).select(this.sharedSql(q.userId).as('shared'));
    for (const s of q.sort) query = query.orderBy(s.column, s.descending ? 'desc' : 'asc');
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return (await query.limit(q.limit).offset(q.offset).execute()) as NoteWithOwner[];
  }

  async count(trx: Trx, q: NoteQuery): Promise<number> {
    return Number((await this.filtered(trx, q).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  }

  private filtered(trx: Trx, q: NoteQuery) {
    let query = trx.selectFrom('notes');
    if (q.ownerIds !== 'all') {
      const owners = q.ownerIds.length > 0 ? [...q.ownerIds] : ['0'];
      query = this.options.sharedWith ? query.where((eb) => eb.or([eb(this.recordOwnerSql, 'in', owners), this.sharedSql(q.userId) as never])) : query.where(this.recordOwnerSql, 'in', owners);
    }
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
    if (q.resourceId) query = query.where('resource_id', '=', q.resourceId);
    if (q.creatorId) query = query.where('creator_id', '=', q.creatorId);
    // Each word must appear; LIKE wildcards in the words are matched literally.
    for (const w of q.words) query = query.where('content', 'ilike', `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return query;
  }
}
