import type { ActivityKind, crm } from '@crm/proto';
import { leadName } from '../presets/preset-rules';
import type { ActivityItemType, ActivityRecordType } from './activity.model';

/**
 * What an event adds to the activity stream, before its owner is known: the record it is about
 * (whose current owner decides who sees it) or, on no record, the item's own owner.
 */
export interface ActivityIntent {
  kind: ActivityKind;
  record?: { type: ActivityRecordType; id: string; name?: string; ownerId?: string };
  item?: { type: ActivityItemType; id: string; ownerId: string };
  summary: string;
  details: Record<string, string>;
}

type Lead = crm.leads.v1.Lead;

const present = (id: string | undefined | null): id is string => !!id && id !== '0';
const SUMMARY_MAX = 200;

/** One line of free text: whitespace collapsed, cut at a word near the limit. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SUMMARY_MAX) return flat;
  const cut = flat.slice(0, SUMMARY_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > SUMMARY_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

function recordOf(type: string | undefined, id: string | undefined): ActivityIntent['record'] {
  if ((type === 'lead' || type === 'contact' || type === 'deal') && present(id)) return { type, id };
  return undefined;
}

export function leadAdded(lead: Lead): ActivityIntent {
  return { kind: 'lead_added', record: { type: 'lead', id: lead.id, name: leadName(lead), ownerId: lead.ownerId }, summary: leadName(lead), details: { status: lead.status } };
}

/** A change of status only; other edits of a lead are not in the stream. */
export function leadStatusChanged(lead: Lead, changedFields: readonly string[], previous: Record<string, unknown> | undefined): ActivityIntent | undefined {
  if (!changedFields.includes('status')) return undefined;
  const from = typeof previous?.status === 'string' ? previous.status : '';
  return {
    kind: 'lead_status_changed',
    record: { type: 'lead', id: lead.id, name: leadName(lead), ownerId: lead.ownerId },
    summary: lead.status,
    details: { ...(from ? { from_status: from } : {}), to_status: lead.status },
  };
}

export function contactAdded(contact: crm.leads.v1.Contact): ActivityIntent {
  return { kind: 'contact_added', record: { type: 'contact', id: contact.id, name: contact.name, ownerId: contact.ownerId }, summary: contact.name, details: {} };
}

export function dealAdded(deal: crm.deals.v1.Deal): ActivityIntent {
  return {
    kind: 'deal_added',
    record: { type: 'deal', id: deal.id, name: deal.name, ownerId: deal.ownerId },
    summary: deal.name,
    details: { pipeline_id: deal.pipelineId, stage_id: deal.stageId, value: deal.value, currency: deal.currency },
  };
}

export function dealStageChanged(change: crm.deals.v1.DealStageChanged): ActivityIntent {
  const deal = change.deal!;
  return {
    kind: 'deal_stage_changed',
    record: { type: 'deal', id: deal.id, name: deal.name, ownerId: deal.ownerId },
    summary: deal.name,
    details: { from_stage_id: change.fromStageId, from_category: change.fromCategory, to_stage_id: change.toStageId, to_category: change.toCategory, ...(change.reasonId ? { reason_id: change.reasonId } : {}) },
  };
}

export function noteAdded(created: crm.common.v1.NoteCreated): ActivityIntent {
  const note = created.note!;
  const record = recordOf(note.resourceType, note.resourceId);
  return {
    kind: 'note_added',
    ...(record ? { record: { ...record, ownerId: created.recordOwnerId } } : {}),
    item: { type: 'note', id: note.id, ownerId: created.recordOwnerId },
    summary: oneLine(note.content),
    details: note.isImportant ? { important: 'true' } : {},
  };
}

export function taskActivity(kind: 'task_added' | 'task_completed', task: crm.calendar.v1.Task): ActivityIntent {
  const record = recordOf(task.resourceType, task.resourceId);
  return {
    kind,
    ...(record ? { record } : {}),
    item: { type: 'task', id: task.id, ownerId: task.ownerId },
    summary: oneLine(task.content),
    details: { ...(task.dueDate ? { due_date: task.dueDate.toISOString() } : {}), ...(task.completedAt && kind === 'task_completed' ? { completed_at: task.completedAt.toISOString() } : {}) },
  };
}

export function callLogged(call: crm.calendar.v1.Call): ActivityIntent {
  const record = recordOf(call.resourceType, call.resourceId);
  return {
    kind: 'call_logged',
    ...(record ? { record } : {}),
    item: { type: 'call', id: call.id, ownerId: call.userId },
    summary: oneLine(call.summary),
    details: { incoming: String(call.incoming), missed: String(call.missed), duration: String(call.duration), ...(call.phoneNumber ? { phone_number: call.phoneNumber } : {}) },
  };
}

/** A booked appointment; an override of one occurrence of a series is not a new booking. */
export function appointmentBooked(appointment: crm.calendar.v1.Appointment): ActivityIntent | undefined {
  if (present(appointment.seriesId)) return undefined;
  const record = recordOf(appointment.resourceType, appointment.resourceId);
  return {
    kind: 'appointment_booked',
    ...(record ? { record } : {}),
    item: { type: 'appointment', id: appointment.id, ownerId: appointment.ownerId },
    summary: oneLine(appointment.name),
    details: { ...(appointment.startsAt ? { starts_at: appointment.startsAt.toISOString() } : {}), ...(appointment.recurrence ? { recurrence: appointment.recurrence } : {}) },
  };
}
