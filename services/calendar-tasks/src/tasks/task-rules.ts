import type { FieldViolation } from '@crm/errors';
import { applyRecordChange, checkYearRange } from '../records/record-rules';
import { isReminderPreset, REMINDER_PRESETS, remindAtFor, type ReminderPreset } from '../reminders/reminder-presets';

export { remindAtFor, type ReminderPreset } from '../reminders/reminder-presets';

export const RESOURCE_TYPES = ['lead', 'contact', 'deal'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const MAX_CONTENT = 10_000;

/** Not completed and due before `now`. */
export function isOverdue(task: { completed: boolean; due_date: Date | null }, now: Date): boolean {
  return !task.completed && task.due_date !== null && task.due_date.getTime() < now.getTime();
}

/** The task's attributes as stored, the ones its rules govern. */
export interface TaskState {
  content: string;
  due_date: Date | null;
  remind_at: Date | null;
  reminder_preset: ReminderPreset | null;
  completed: boolean;
  owner_id: string;
  resource_type: ResourceType | null;
  resource_id: string | null;
}

/** What a request asks to change: a key present with null clears the attribute. */
export interface TaskChanges {
  content?: string | null;
  due_date?: Date | null;
  remind_at?: Date | null;
  reminder?: string | null;
  completed?: boolean | null;
  owner_id?: string | null;
  resource_type?: string | null;
  resource_id?: string | null;
}

/**
 * The task after the changes, or the violations that refuse them. A preset reminder follows the
 * due date (a moved due date moves it); an absolute remind_at replaces the preset; a reminder is
 * never after the due date; the record is given by type and id together.
 */
export function applyTaskChanges(before: TaskState, changes: TaskChanges): { state: TaskState; violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const state: TaskState = { ...before };
  if ('content' in changes) {
    const content = (changes.content ?? '').trim();
    if (!content) violations.push({ field: 'content', code: 'blank', message: 'cannot be empty' });
    else if (content.length > MAX_CONTENT) violations.push({ field: 'content', code: 'incorrect_value', message: `is longer than ${MAX_CONTENT} characters` });
    state.content = content;
  }
  violations.push(...checkYearRange('due_date', changes.due_date), ...checkYearRange('remind_at', changes.remind_at));
  if ('completed' in changes) state.completed = changes.completed ?? false;
  if ('owner_id' in changes && changes.owner_id) state.owner_id = changes.owner_id;
  if ('due_date' in changes) {
    state.due_date = changes.due_date ?? null;
    // A preset reminder counts back from the due date: without one it goes too, unless asked for anew.
    if (state.due_date === null && state.reminder_preset && !('reminder' in changes)) {
      state.reminder_preset = null;
      state.remind_at = null;
    }
  }

  if ('reminder' in changes && changes.reminder !== undefined) {
    if (changes.reminder === null) {
      state.reminder_preset = null;
      state.remind_at = null;
    } else if (!isReminderPreset(changes.reminder)) {
      violations.push({ field: 'reminder', code: 'incorrect_value', message: `must be one of ${Object.keys(REMINDER_PRESETS).join(', ')}` });
    } else {
      state.reminder_preset = changes.reminder;
    }
  } else if ('remind_at' in changes) {
    // An absolute time replaces the preset.
    state.reminder_preset = null;
    state.remind_at = changes.remind_at ?? null;
  }
  if (state.reminder_preset) {
    if (!state.due_date) {
      violations.push({ field: 'reminder', code: 'incorrect_value', message: 'needs a due_date to count back from' });
    } else {
      const computed = remindAtFor(state.reminder_preset, state.due_date);
      if (changes.remind_at && 'reminder' in changes && changes.reminder && changes.remind_at.getTime() !== computed.getTime()) {
        violations.push({ field: 'remind_at', code: 'incorrect_value', message: `contradicts reminder ${changes.reminder}` });
      }
      state.remind_at = computed;
    }
  } else if (state.remind_at && state.due_date && state.remind_at.getTime() > state.due_date.getTime()) {
    violations.push({ field: 'remind_at', code: 'incorrect_value', message: 'is after the due_date' });
  }

  const record = applyRecordChange(before, changes, RESOURCE_TYPES);
  if (record.violation) violations.push(record.violation);
  state.resource_type = record.resource_type;
  state.resource_id = record.resource_id;
  return { state, violations };
}

/** The attributes whose values differ, by their API names. */
export function changedFields(before: TaskState, after: TaskState): string[] {
  const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
  const fields: [keyof TaskState, string][] = [
    ['content', 'content'], ['due_date', 'due_date'], ['remind_at', 'remind_at'], ['reminder_preset', 'reminder'], ['completed', 'completed'],
    ['owner_id', 'owner_id'], ['resource_type', 'resource_type'], ['resource_id', 'resource_id'],
  ];
  return fields.filter(([k]) => !same(before[k], after[k])).map(([, name]) => name);
}

/** Whether a reminder at `remindAt` is still to be sent: one already past when saved is not (it would arrive late). */
export function reminderPending(state: Pick<TaskState, 'remind_at' | 'completed'>, now: Date, graceMs = 60_000): boolean {
  return !state.completed && state.remind_at !== null && state.remind_at.getTime() > now.getTime() - graceMs;
}
