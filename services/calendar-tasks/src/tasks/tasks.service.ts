import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, narrowOwners, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import { buildEvent, type EventPayload, type EventTypeKey } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { AssignableOwners } from '@crm/records';
import { DATABASE } from '../calendar-tasks.constants';
import type { Database, Trx } from '../database';
import { RecordDirectory } from '../records/record-directory';
import { applyTaskChanges, changedFields, isOverdue, reminderPending, type ResourceType, type TaskChanges, type TaskState } from './task-rules';
import { TasksError } from './tasks.errors';
import { TASK_SORT_COLUMNS, TasksRepository, type TaskRow } from './tasks.repository';

type Task = crm.calendar.v1.Task;
type TaskEventKey = Extract<EventTypeKey, `task${string}`>;
/** One event of a task, its kind and payload. */
type TaskEvent = { [K in TaskEventKey]: [K, EventPayload<K>] }[TaskEventKey];

export function toTask(row: TaskRow, now: Date): Task {
  return {
    id: row.id,
    creatorId: row.creator_id,
    ownerId: row.owner_id,
    content: row.content,
    ...(row.due_date ? { dueDate: row.due_date } : {}),
    ...(row.remind_at ? { remindAt: row.remind_at } : {}),
    ...(row.reminder_preset ? { reminder: row.reminder_preset } : {}),
    completed: row.completed,
    ...(row.completed_at ? { completedAt: row.completed_at } : {}),
    ...(row.resource_type && row.resource_id ? { resourceType: row.resource_type, resourceId: row.resource_id } : {}),
    overdue: isOverdue(row, now),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function stateOf(row: TaskRow): TaskState {
  return {
    content: row.content,
    due_date: row.due_date,
    remind_at: row.remind_at,
    reminder_preset: row.reminder_preset,
    completed: row.completed,
    owner_id: row.owner_id,
    resource_type: row.resource_type,
    resource_id: row.resource_id,
  };
}

export interface TaskListParams {
  page: number;
  perPage: number;
  ids: string[];
  type?: string;
  resourceType?: string;
  resourceId?: string;
  completed?: boolean;
  overdue?: boolean;
  remind?: boolean;
  ownerIds: string[];
  creatorId?: string;
  query?: string;
  dueFrom?: Date;
  dueTo?: Date;
  sort: { field: string; descending: boolean }[];
}

/**
 * Tasks: visible to whoever sees their owner, assigned within the caller's reach, on a record the
 * caller sees. Every change writes its events through the outbox with it, and keeps the task's
 * reminder row (what the scheduler fires) in step in the same transaction.
 */
@Injectable()
export class TasksService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly tasks: TasksRepository,
    private readonly owners: AssignableOwners,
    private readonly records: RecordDirectory,
  ) {}

  async create(principal: Principal, changes: TaskChanges): Promise<Task> {
    const blank: TaskState = { content: '', due_date: null, remind_at: null, reminder_preset: null, completed: false, owner_id: principal.userId, resource_type: null, resource_id: null };
    const { state, violations } = applyTaskChanges(blank, { content: changes.content ?? null, ...changes });
    if (violations.length > 0) throw TasksError.invalid(violations);
    await this.assertRecordVisible(principal, state);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.owners.assert(trx, principal, state.owner_id, 'task');
      const row = await this.tasks.insert(trx, { tenant_id: principal.tenantId, creator_id: principal.userId, ...this.values(state, null) });
      const now = new Date();
      await this.tasks.scheduleReminder(trx, principal.tenantId, row.id, reminderPending(row, now) ? row.remind_at : null);
      const task = toTask(row, now);
      await this.publish(trx, principal.tenantId, row.id, [['taskCreated', { task }]]);
      return task;
    });
  }

  async get(principal: Principal, id: string): Promise<Task> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => toTask(await this.visible(trx, principal, id), new Date()));
  }

  async update(principal: Principal, id: string, changes: TaskChanges): Promise<Task> {
    // The record check is a call to another service: made before the transaction, on what the
    // request names, so no database connection waits on it.
    const before = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.visible(trx, principal, id));
    const { state, violations } = applyTaskChanges(stateOf(before), changes);
    if (violations.length > 0) throw TasksError.invalid(violations);
    if (state.resource_id !== before.resource_id || state.resource_type !== before.resource_type) await this.assertRecordVisible(principal, state);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const current = await this.visible(trx, principal, id, true);
      // Applied again to the row as locked: a concurrent change between the two reads is kept.
      const { state: next, violations: late } = applyTaskChanges(stateOf(current), changes);
      if (late.length > 0) throw TasksError.invalid(late);
      if (next.owner_id !== current.owner_id) await this.owners.assert(trx, principal, next.owner_id, 'task');
      const changed = changedFields(stateOf(current), next);
      const now = new Date();
      if (changed.length === 0) return toTask(current, now);
      const row = await this.tasks.update(trx, id, this.values(next, current));
      await this.tasks.scheduleReminder(trx, principal.tenantId, id, reminderPending(row, now) ? row.remind_at : null);
      const task = toTask(row, now);
      const events: TaskEvent[] = [['taskUpdated', { task, changedFields: changed }]];
      if (row.completed !== current.completed) events.push(row.completed ? ['taskCompleted', { task }] : ['taskReopened', { task }]);
      if (row.owner_id !== current.owner_id) events.push(['taskAssigned', { task, previousOwnerId: current.owner_id }]);
      await this.publish(trx, principal.tenantId, id, events);
      return task;
    });
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.visible(trx, principal, id, true);
      await this.tasks.deleteMany(trx, [id]);
      await this.publish(trx, principal.tenantId, id, [['taskDeleted', { task: toTask(row, new Date()) }]]);
    });
  }

  async list(principal: Principal, params: TaskListParams): Promise<Task[]> {
    const violations: FieldViolation[] = [];
    if (params.type !== undefined && params.type !== 'floating' && params.type !== 'related') violations.push({ field: 'type', code: 'incorrect_value', message: 'must be floating or related' });
    if (params.resourceType !== undefined && !['lead', 'contact', 'deal'].includes(params.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be lead, contact or deal' });
    const sort = params.sort.map((s) => ({ column: s.field as (typeof TASK_SORT_COLUMNS)[number], descending: s.descending }));
    if (sort.some((s) => !(TASK_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${TASK_SORT_COLUMNS.join(', ')}` });
    if (violations.length > 0) throw TasksError.invalid(violations);
    const now = new Date();
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const rows = await this.tasks.list(trx, {
        ids: params.ids,
        ownerIds: narrowOwners(principal, params.ownerIds),
        ...(params.type ? { floating: params.type === 'floating' } : {}),
        ...(params.resourceType ? { resourceType: params.resourceType } : {}),
        ...(params.resourceId ? { resourceId: params.resourceId } : {}),
        ...(params.completed !== undefined ? { completed: params.completed } : {}),
        ...(params.overdue !== undefined ? { overdue: params.overdue } : {}),
        ...(params.remind !== undefined ? { remind: params.remind } : {}),
        ...(params.creatorId ? { creatorId: params.creatorId } : {}),
        ...(params.dueFrom ? { dueFrom: params.dueFrom } : {}),
        ...(params.dueTo ? { dueTo: params.dueTo } : {}),
        words: (params.query ?? '').split(/\s+/).filter(Boolean).slice(0, 10),
        now,
        sort: sort.length > 0 ? sort : [{ column: 'id' as const, descending: false }],
        limit: params.perPage,
        offset: (params.page - 1) * params.perPage,
      });
      return rows.map((r) => toTask(r, now));
    });
  }

  /** Deletes the tasks of a deleted record, each with its event (in the consumer's transaction). */
  async deleteOnRecord(trx: Trx, tenantId: string, type: ResourceType, recordId: string): Promise<number> {
    const rows = await this.tasks.onRecord(trx, type, recordId);
    await this.tasks.deleteMany(trx, rows.map((r) => r.id));
    const now = new Date();
    for (const row of rows) await this.publish(trx, tenantId, row.id, [['taskDeleted', { task: toTask(row, now) }]]);
    return rows.length;
  }

  /** Moves the tasks of a converted lead to the contact it became (in the consumer's transaction). */
  async moveToContact(trx: Trx, tenantId: string, leadId: string, contactId: string): Promise<number> {
    const rows = await this.tasks.onRecord(trx, 'lead', leadId);
    const moved = await this.tasks.moveToRecord(trx, rows.map((r) => r.id), 'contact', contactId);
    const now = new Date();
    for (const row of moved) await this.publish(trx, tenantId, row.id, [['taskUpdated', { task: toTask(row, now), changedFields: ['resource_type', 'resource_id'] }]]);
    return moved.length;
  }

  private async visible(trx: Trx, principal: Principal, id: string, forUpdate = false): Promise<TaskRow> {
    const row = await this.tasks.find(trx, id, forUpdate);
    if (!row || !canSeeOwner(principal, row.owner_id)) throw TasksError.notFound(id);
    return row;
  }

  private async assertRecordVisible(principal: Principal, state: TaskState): Promise<void> {
    if (state.resource_type === null || state.resource_id === null) return;
    await this.records.assertVisible(principal, 'task', 'resource_id', state.resource_type, [state.resource_id]);
  }

  private values(state: TaskState, before: TaskRow | null) {
    const completedAt = state.completed ? (before?.completed ? before.completed_at : new Date()) : null;
    return {
      content: state.content,
      due_date: state.due_date,
      remind_at: state.remind_at,
      reminder_preset: state.reminder_preset,
      completed: state.completed,
      completed_at: completedAt,
      owner_id: state.owner_id,
      resource_type: state.resource_type,
      resource_id: state.resource_id,
    };
  }

  private async publish(trx: Trx, tenantId: string, taskId: string, events: TaskEvent[]): Promise<void> {
    await appendToOutbox(
      trx,
      events.map(([kind, payload]) => buildEvent({ kind, tenantId, aggregateId: taskId, subject: `tenants/${tenantId}/tasks/${taskId}`, payload } as never)),
    );
  }
}
