import { applyTaskChanges, changedFields, isOverdue, reminderPending, remindAtFor, type TaskState } from './task-rules';

const due = new Date('2026-12-10T15:00:00Z');
const blank: TaskState = { content: 'Call back', due_date: null, remind_at: null, reminder_preset: null, completed: false, owner_id: '1003', resource_type: null, resource_id: null };

describe('overdue', () => {
  const now = new Date('2026-12-10T15:00:01Z');
  it('is an open task due before now', () => {
    expect(isOverdue({ completed: false, due_date: due }, now)).toBe(true);
    expect(isOverdue({ completed: true, due_date: due }, now)).toBe(false);
    expect(isOverdue({ completed: false, due_date: null }, now)).toBe(false);
    expect(isOverdue({ completed: false, due_date: new Date(now.getTime() + 1) }, now)).toBe(false);
  });
});

describe('reminder presets', () => {
  it.each([
    ['1_week_before', '2026-12-03T15:00:00.000Z'],
    ['1_day_before', '2026-12-09T15:00:00.000Z'],
    ['1_hour_before', '2026-12-10T14:00:00.000Z'],
    ['30_minutes_before', '2026-12-10T14:30:00.000Z'],
    ['15_minutes_before', '2026-12-10T14:45:00.000Z'],
    ['5_minutes_before', '2026-12-10T14:55:00.000Z'],
    ['at_due_time', '2026-12-10T15:00:00.000Z'],
  ] as const)('%s counts back from the due date', (preset, expected) => {
    expect(remindAtFor(preset, due).toISOString()).toBe(expected);
    const { state, violations } = applyTaskChanges(blank, { due_date: due, reminder: preset });
    expect(violations).toEqual([]);
    expect(state.remind_at?.toISOString()).toBe(expected);
  });

  it('moves with the due date', () => {
    const { state: set } = applyTaskChanges(blank, { due_date: due, reminder: '1_hour_before' });
    const { state: moved } = applyTaskChanges(set, { due_date: new Date('2026-12-11T09:00:00Z') });
    expect(moved.remind_at?.toISOString()).toBe('2026-12-11T08:00:00.000Z');
    expect(moved.reminder_preset).toBe('1_hour_before');
  });

  it('goes with the due date when the due date is cleared', () => {
    const { state: set } = applyTaskChanges(blank, { due_date: due, reminder: '1_day_before' });
    const { state, violations } = applyTaskChanges(set, { due_date: null });
    expect(violations).toEqual([]);
    expect(state).toMatchObject({ due_date: null, remind_at: null, reminder_preset: null });
  });

  it('is replaced by an absolute remind_at, which then stays when the due date moves', () => {
    const { state: set } = applyTaskChanges(blank, { due_date: due, reminder: '1_hour_before' });
    const { state: absolute } = applyTaskChanges(set, { remind_at: new Date('2026-12-10T10:00:00Z') });
    expect(absolute.reminder_preset).toBeNull();
    const { state: moved } = applyTaskChanges(absolute, { due_date: new Date('2026-12-12T10:00:00Z') });
    expect(moved.remind_at?.toISOString()).toBe('2026-12-10T10:00:00.000Z');
  });

  it('refuses an unknown preset, a preset without a due date and a contradicting remind_at', () => {
    expect(applyTaskChanges(blank, { due_date: due, reminder: '2_hours_before' }).violations.map((v) => v.field)).toEqual(['reminder']);
    expect(applyTaskChanges(blank, { reminder: '1_hour_before' }).violations.map((v) => v.field)).toEqual(['reminder']);
    expect(applyTaskChanges(blank, { due_date: due, reminder: '1_hour_before', remind_at: new Date('2026-12-10T13:00:00Z') }).violations.map((v) => v.field)).toEqual(['remind_at']);
  });

  it('refuses a reminder after the due date', () => {
    expect(applyTaskChanges(blank, { due_date: due, remind_at: new Date(due.getTime() + 1000) }).violations).toEqual([expect.objectContaining({ field: 'remind_at' })]);
  });

  it('is pending only while the task is open and its time has not long passed', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    expect(reminderPending({ completed: false, remind_at: new Date('2026-12-10T12:30:00Z') }, now)).toBe(true);
    expect(reminderPending({ completed: true, remind_at: new Date('2026-12-10T12:30:00Z') }, now)).toBe(false);
    expect(reminderPending({ completed: false, remind_at: new Date('2026-12-10T11:00:00Z') }, now)).toBe(false);
    expect(reminderPending({ completed: false, remind_at: null }, now)).toBe(false);
  });
});

describe('content and records', () => {
  it('refuses blank and over-long content', () => {
    expect(applyTaskChanges(blank, { content: '  ' }).violations).toEqual([expect.objectContaining({ field: 'content', code: 'blank' })]);
    expect(applyTaskChanges(blank, { content: 'x'.repeat(10_001) }).violations).toEqual([expect.objectContaining({ field: 'content' })]);
  });

  it('takes the record as type and id together', () => {
    expect(applyTaskChanges(blank, { resource_type: 'lead', resource_id: '5' }).state).toMatchObject({ resource_type: 'lead', resource_id: '5' });
    expect(applyTaskChanges(blank, { resource_type: 'lead' }).violations.map((v) => v.field)).toEqual(['resource_id']);
    expect(applyTaskChanges(blank, { resource_id: '5' }).violations.map((v) => v.field)).toEqual(['resource_type']);
    expect(applyTaskChanges(blank, { resource_type: 'order', resource_id: '5' }).violations.map((v) => v.field)).toEqual(['resource_type']);
    const onLead = applyTaskChanges(blank, { resource_type: 'lead', resource_id: '5' }).state;
    expect(applyTaskChanges(onLead, { resource_type: null, resource_id: null }).state).toMatchObject({ resource_type: null, resource_id: null });
  });

  it('names the changed attributes', () => {
    const after = applyTaskChanges(blank, { content: 'Call back tomorrow', due_date: due, reminder: 'at_due_time', owner_id: '1004' }).state;
    expect(changedFields(blank, after).sort()).toEqual(['content', 'due_date', 'owner_id', 'remind_at', 'reminder']);
    expect(changedFields(after, { ...after, due_date: new Date(due.getTime()) })).toEqual([]);
  });
});
