import { crm } from '@crm/proto';
import { appointmentReminder, appointmentReply, dataJobFinished, dealAssigned, incomingContact, leadAssigned, leadCaptured, taskAssigned, taskReminder } from './preset-rules';

const task = (p: Partial<crm.calendar.v1.Task>) => crm.calendar.v1.Task.fromPartial({ id: '7', ownerId: '2', content: 'Call back', ...p });

describe('preset notification rules', () => {
  it('tells the new owner of an assignment made by someone else, never by themself', () => {
    expect(taskAssigned(task({}), '1')).toMatchObject({ userId: '2', type: 'task_assigned', resource: { type: 'task', id: '7' }, params: { subject: 'Call back' } });
    expect(taskAssigned(task({}), '2')).toBeUndefined();
    expect(taskAssigned(task({}), undefined)).toMatchObject({ userId: '2' });
    expect(taskAssigned(task({ completed: true }), '1')).toBeUndefined();
    const lead = crm.leads.v1.Lead.fromPartial({ id: '5', ownerId: '3', firstName: 'Ann', lastName: 'Lee' });
    expect(leadAssigned(lead, '1')).toMatchObject({ userId: '3', type: 'lead_assigned', params: { subject: 'Ann Lee' } });
    expect(leadAssigned(lead, '3')).toBeUndefined();
    const deal = crm.deals.v1.Deal.fromPartial({ id: '9', ownerId: '4', name: 'Big one' });
    expect(dealAssigned(deal, '1')).toMatchObject({ userId: '4', type: 'deal_assigned', params: { subject: 'Big one' } });
    expect(dealAssigned(deal, '4')).toBeUndefined();
  });

  it('sends a captured lead to the form owner, or to the admins when that owner is not active', () => {
    const lead = crm.leads.v1.Lead.fromPartial({ id: '5', ownerId: '3', organizationName: 'Acme' });
    expect(leadCaptured(lead, 'Website', new Set(['3']), ['1']).map((i) => i.userId)).toEqual(['3']);
    expect(leadCaptured(lead, 'Website', new Set(['1']), ['1', '8']).map((i) => i.userId)).toEqual(['1', '8']);
    expect(leadCaptured(lead, 'Website', new Set(['3']), [])[0]).toMatchObject({ type: 'lead_captured', params: { subject: 'Acme', detail: 'Website' } });
  });

  it('reminds the task owner, and the appointment owner with every attending user who has not declined', () => {
    expect(taskReminder(task({}))).toMatchObject({ userId: '2', type: 'task_reminder' });
    const appointment = crm.calendar.v1.Appointment.fromPartial({
      id: '3', ownerId: '2', name: 'Demo',
      attendees: [{ email: 'a@x', userId: '4', status: 'accepted' }, { email: 'b@x', userId: '5', status: 'declined' }, { email: 'c@x', status: 'accepted' }, { email: 'd@x', userId: '2', status: 'accepted' }],
    });
    expect(appointmentReminder(appointment, new Date('2026-01-01T10:00:00Z')).map((i) => i.userId)).toEqual(['2', '4']);
    expect(appointmentReply(appointment, { email: 'a@x', userId: '4', status: 'accepted' })).toMatchObject({ userId: '2', type: 'appointment_reply', params: { detail: 'a@x accepted' } });
    expect(appointmentReply(appointment, { email: 'd@x', userId: '2', status: 'accepted' })).toBeUndefined();
  });

  it('tells the starter of an import or export how it ended', () => {
    const job = crm.leads.v1.DataJob.fromPartial({ id: '1', creatorId: '6', kind: 'import', resourceType: 'lead', status: 'succeeded', createdCount: 3, failedCount: 1 });
    expect(dataJobFinished(job)).toMatchObject({ userId: '6', type: 'import_finished', params: { detail: '3 created, 0 updated, 0 skipped, 1 failed' } });
    expect(dataJobFinished({ ...job, kind: 'export', status: 'failed', errorMessage: 'disk full' })).toMatchObject({ type: 'export_finished', params: { detail: 'failed: disk full' } });
  });

  it('tells the record owner of an incoming call or text on the record, and nobody of an outgoing one', () => {
    const call = { id: '1', userId: '2', incoming: true, resourceType: 'lead', resourceId: '5', phoneNumber: '+4930123' };
    expect(incomingContact('call', call, { ownerId: '3', name: 'Ann Lee' })).toMatchObject({ userId: '3', type: 'incoming_call', params: { subject: 'Ann Lee', detail: '+4930123' } });
    expect(incomingContact('call', call, undefined)).toMatchObject({ userId: '2' });
    expect(incomingContact('text_message', { ...call, incoming: false }, undefined)).toBeUndefined();
    expect(incomingContact('call', { ...call, resourceType: undefined }, undefined)).toBeUndefined();
  });
});
