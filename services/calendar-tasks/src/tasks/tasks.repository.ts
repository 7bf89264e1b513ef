import { Injectable } from '@nestjs/common';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Trx } from '../database';
import type { ReminderPreset, ResourceType } from './task-rules';

export interface TasksTable {
  id: Generated<string>;
  tenant_id: string;
  creator_id: string;
  owner_id: string;
  content: string;
  due_date: Date | null;
  remind_at: Date | null;
  reminder_preset: ReminderPreset | null;
  completed: boolean;
  completed_at: Date | null;
  resource_type: ResourceType | null;
  resource_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RemindersTable {
  id: Generated<string>;
  tenant_id: string;
  subject_type: 'task' | 'appointment';
  subject_id: string;
  remind_at: Date;
  /** The occurrence an appointment's reminder is for; null for a task's. */
  occurrence: Date | null;
  fired_at: Date | null;
}

export interface TasksTables {
  tasks: TasksTable;
  reminders: RemindersTable;
}

export type TaskRow = Selectable<TasksTable>;
export type TaskValues = Omit<TasksTable, 'id' | 'tenant_id' | 'creator_id' | 'created_at' | 'updated_at'>;

export const TASK_SORT_COLUMNS = ['id', 'content', 'due_date', 'remind_at', 'completed', 'completed_at', 'owner_id', 'created_at', 'updated_at'] as const;

export interface TaskQuery {
  ids: string[];
  ownerIds: readonly string[] | 'all';
  floating?: boolean;
  resourceType?: string;
  resourceId?: string;
  completed?: boolean;
  overdue?: boolean;
  remind?: boolean;
  creatorId?: string;
  words: string[];
  dueFrom?: Date;
  dueTo?: Date;
  now: Date;
  sort: { column: (typeof TASK_SORT_COLUMNS)[number]; descending: boolean }[];
  limit: number;
  offset: number;
}

/** The only SQL about tasks and their reminders. */
@Injectable()
export class TasksRepository {
  async insert(trx: Trx, row: Omit<TasksTable, 'id' | 'created_at' | 'updated_at'>): Promise<TaskRow> {
    return trx.insertInto('tasks').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async find(trx: Trx, id: string, forUpdate = false): Promise<TaskRow | undefined> {
    const q = trx.selectFrom('tasks').selectAll().where('id', '=', id);
    return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  }

  /** The tasks of these ids (those the transaction's tenant holds). */
  async findMany(trx: Trx, ids: readonly string[]): Promise<TaskRow[]> {
    if (ids.length === 0) return [];
    return trx.selectFrom('tasks').selectAll().where('id', 'in', [...ids]).execute();
  }

  async update(trx: Trx, id: string, values: TaskValues): Promise<TaskRow> {
    return trx.updateTable('tasks').set({ ...values, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Trx, id: string): Promise<void> {
    await trx.deleteFrom('tasks').where('id', '=', id).execute();
  }

  async list(trx: Trx, q: TaskQuery): Promise<TaskRow[]> {
    let query = this.filtered(trx, q).selectAll();
    for (const s of q.sort) query = query.orderBy(s.column, sql.raw(s.descending ? 'desc nulls last' : 'asc nulls last') as never);
    if (!q.sort.some((s) => s.column === 'id')) query = query.orderBy('id', 'asc');
    return query.limit(q.limit).offset(q.offset).execute();
  }

  private filtered(trx: Trx, q: TaskQuery) {
    let query = trx.selectFrom('tasks');
    if (q.ownerIds !== 'all') query = query.where('owner_id', 'in', q.ownerIds.length > 0 ? [...q.ownerIds] : ['0']);
    if (q.ids.length > 0) query = query.where('id', 'in', q.ids);
    if (q.floating === true) query = query.where('resource_id', 'is', null);
    if (q.floating === false) query = query.where('resource_id', 'is not', null);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType as ResourceType);
    if (q.resourceId) query = query.where('resource_id', '=', q.resourceId);
    if (q.completed !== undefined) query = query.where('completed', '=', q.completed);
    if (q.overdue === true) query = query.where('completed', '=', false).where('due_date', '<', q.now);
    if (q.overdue === false) query = query.where((eb) => eb.or([eb('completed', '=', true), eb('due_date', 'is', null), eb('due_date', '>=', q.now)]));
    if (q.remind === true) query = query.where('remind_at', 'is not', null).where('completed', '=', false);
    if (q.remind === false) query = query.where((eb) => eb.or([eb('remind_at', 'is', null), eb('completed', '=', true)]));
    if (q.creatorId) query = query.where('creator_id', '=', q.creatorId);
    if (q.dueFrom) query = query.where('due_date', '>=', q.dueFrom);
    if (q.dueTo) query = query.where('due_date', '<', q.dueTo);
    // Each word must appear; LIKE wildcards in the words are matched literally.
    for (const w of q.words) query = query.where('content', 'ilike', `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return query;
  }

  /** Tasks on one record, locked, for the record's deletion or conversion. */
  async onRecord(trx: Trx, type: ResourceType, id: string): Promise<TaskRow[]> {
    return trx.selectFrom('tasks').selectAll().where('resource_type', '=', type).where('resource_id', '=', id).orderBy('id').forUpdate().execute();
  }

  async moveToRecord(trx: Trx, ids: string[], type: ResourceType, id: string): Promise<TaskRow[]> {
    if (ids.length === 0) return [];
    return trx.updateTable('tasks').set({ resource_type: type, resource_id: id, updated_at: sql`now()` }).where('id', 'in', ids).returningAll().execute();
  }

  async deleteMany(trx: Trx, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await trx.deleteFrom('tasks').where('id', 'in', ids).execute();
    await trx.deleteFrom('reminders').where('subject_type', '=', 'task').where('subject_id', 'in', ids).execute();
  }

  /**
   * Schedules the task's reminder at `remindAt`, or cancels it (null). A reminder whose time
   * changes gets a new id, so it fires again even if the old time already fired.
   */
  async scheduleReminder(trx: Trx, tenantId: string, taskId: string, remindAt: Date | null): Promise<void> {
    if (remindAt === null) {
      await trx.deleteFrom('reminders').where('subject_type', '=', 'task').where('subject_id', '=', taskId).execute();
      return;
    }
    await trx
      .insertInto('reminders')
      .values({ tenant_id: tenantId, subject_type: 'task', subject_id: taskId, remind_at: remindAt, occurrence: null, fired_at: null })
      .onConflict((oc) =>
        oc.columns(['subject_type', 'subject_id']).doUpdateSet({ id: sql`gen_random_uuid()`, remind_at: remindAt, fired_at: null }).where('reminders.remind_at', '<>', remindAt),
      )
      .execute();
  }
}
