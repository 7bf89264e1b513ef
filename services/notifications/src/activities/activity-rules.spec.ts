import { crm } from '@crm/proto';
import { firstIdOf, lastIdOf } from '../time-ordered-ids';
import { appointmentBooked, callLogged, dealStageChanged, leadAdded, leadStatusChanged, noteAdded, oneLine, taskActivity } from './activity-rules';

describe('activity rules', () => {
  it('records a lead, its status changes (from and to) and nothing for other edits', () => {
    const lead = crm.leads.v1.Lead.fromPartial({ id: '5', ownerId: '3', firstName: 'Ann', lastName: 'Lee', status: 'working' });
    expect(leadAdded(lead)).toEqual({ kind: 'lead_added', record: { type: 'lead', id: '5', name: 'Ann Lee', ownerId: '3' }, summary: 'Ann Lee', details: { status: 'working' } });
    expect(leadStatusChanged(lead, ['status', 'title'], { status: 'new' })).toMatchObject({ kind: 'lead_status_changed', summary: 'working', details: { from_status: 'new', to_status: 'working' } });
    expect(leadStatusChanged(lead, ['title'], {})).toBeUndefined();
  });

  it('puts a note, task, call or appointment on its record, or on its own owner when it has none', () => {
    const note = crm.common.v1.NoteCreated.fromPartial({ note: { id: '8', resourceType: 'deal', resourceId: '4', content: 'Spoke   with\nthe CFO', isImportant: true }, recordOwnerId: '6' });
    expect(noteAdded(note)).toEqual({ kind: 'note_added', record: { type: 'deal', id: '4', ownerId: '6' }, item: { type: 'note', id: '8', ownerId: '6' }, summary: 'Spoke with the CFO', details: { important: 'true' } });
    const task = crm.calendar.v1.Task.fromPartial({ id: '7', ownerId: '2', content: 'Call back', dueDate: new Date('2027-01-02T10:00:00Z') });
    expect(taskActivity('task_added', task)).toEqual({ kind: 'task_added', item: { type: 'task', id: '7', ownerId: '2' }, summary: 'Call back', details: { due_date: '2027-01-02T10:00:00.000Z' } });
    expect(taskActivity('task_completed', { ...task, resourceType: 'lead', resourceId: '9' })).toMatchObject({ kind: 'task_completed', record: { type: 'lead', id: '9' } });
    const call = crm.calendar.v1.Call.fromPartial({ id: '3', userId: '2', summary: 'Left a message', incoming: true, duration: 42, resourceType: 'contact', resourceId: '11' });
    expect(callLogged(call)).toMatchObject({ kind: 'call_logged', record: { type: 'contact', id: '11' }, item: { type: 'call', id: '3', ownerId: '2' }, details: { incoming: 'true', duration: '42' } });
  });

  it('books an appointment once per series, not again for an overridden occurrence', () => {
    const appointment = crm.calendar.v1.Appointment.fromPartial({ id: '3', ownerId: '2', name: 'Demo', startsAt: new Date('2027-01-02T10:00:00Z') });
    expect(appointmentBooked(appointment)).toMatchObject({ kind: 'appointment_booked', summary: 'Demo', details: { starts_at: '2027-01-02T10:00:00.000Z' } });
    expect(appointmentBooked({ ...appointment, seriesId: '1' })).toBeUndefined();
  });

  it('records a stage move with both stages and the reason', () => {
    const change = crm.deals.v1.DealStageChanged.fromPartial({ deal: { id: '4', ownerId: '2', name: 'Big one' }, fromStageId: '1', fromCategory: 'incoming', toStageId: '6', toCategory: 'lost', reasonId: '3' });
    expect(dealStageChanged(change)).toMatchObject({ kind: 'deal_stage_changed', record: { type: 'deal', id: '4', name: 'Big one', ownerId: '2' }, details: { from_stage_id: '1', to_stage_id: '6', to_category: 'lost', reason_id: '3' } });
  });

  it('cuts a long summary at a word', () => {
    const long = `${'word '.repeat(60)}end`;
    const cut = oneLine(long);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut.endsWith('word…')).toBe(true);
  });
});

describe('activity periods', () => {
  it('bounds a millisecond with the least and greatest UUIDv7 of it', () => {
    const at = new Date('2026-12-07T08:00:00.123Z');
    const inside = `${at.getTime().toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2')}-7abc-9def-0123456789ab`;
    expect(firstIdOf(at) < inside && inside < lastIdOf(at)).toBe(true);
    expect(lastIdOf(new Date(at.getTime() - 1)) < firstIdOf(at)).toBe(true);
  });
});
