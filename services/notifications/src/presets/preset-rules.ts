import type { crm } from '@crm/proto';
import type { Channel, NotificationType } from '../catalogue/notification-types';

/** What a notification is about, for its link back. */
export type NotificationResourceType = 'lead' | 'contact' | 'deal' | 'task' | 'appointment' | 'call' | 'text_message' | 'data_job';

/** The words a notification's text is made of; kept with it so mail can render it in the recipient's language. */
export interface NotificationParams {
  /** Name of the user who made the change; absent for system events. */
  actorName?: string;
  /** What it is about: a task's content, a lead's or deal's name, an appointment's name, a job's kind. */
  subject: string;
  /** A second fact: a reminder's due time, an answer, a caller's number, a job's counts; a custom notification's trigger. */
  detail?: string;
  /** A custom notification's subscription. */
  subscriptionName?: string;
}

/** One notification a preset rule asks for: who, of what type, about what. */
export interface NotificationIntent {
  userId: string;
  type: NotificationType;
  resource?: { type: NotificationResourceType; id: string };
  params: NotificationParams;
  /** Only these channels (a custom notification's subscription), within the user's preferences. */
  channels?: readonly Channel[];
}

type Lead = crm.leads.v1.Lead;
type Deal = crm.deals.v1.Deal;
type Task = crm.calendar.v1.Task;
type Appointment = crm.calendar.v1.Appointment;

const present = (id: string | undefined | null): id is string => !!id && id !== '0';

/** Someone other than the new owner assigned the record (an unknown actor, e.g. the system, counts as someone else). */
const assignedByOther = (ownerId: string, actorId: string | undefined) => present(ownerId) && ownerId !== actorId;

export function leadName(lead: Pick<Lead, 'firstName' | 'lastName' | 'organizationName'>): string {
  return [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.organizationName || 'Unnamed lead';
}

export function leadAssigned(lead: Lead, actorId: string | undefined): NotificationIntent | undefined {
  if (!assignedByOther(lead.ownerId, actorId)) return undefined;
  return { userId: lead.ownerId, type: 'lead_assigned', resource: { type: 'lead', id: lead.id }, params: { subject: leadName(lead) } };
}

/** A capture form's lead goes to the form's owner (the lead's owner); with none active, to the admins. */
export function leadCaptured(lead: Lead, formName: string, activeUsers: ReadonlySet<string>, admins: readonly string[]): NotificationIntent[] {
  const recipients = present(lead.ownerId) && activeUsers.has(lead.ownerId) ? [lead.ownerId] : admins;
  return recipients.map((userId) => ({ userId, type: 'lead_captured', resource: { type: 'lead', id: lead.id }, params: { subject: leadName(lead), detail: formName } }));
}

export function dealAssigned(deal: Deal, actorId: string | undefined): NotificationIntent | undefined {
  if (!assignedByOther(deal.ownerId, actorId)) return undefined;
  return { userId: deal.ownerId, type: 'deal_assigned', resource: { type: 'deal', id: deal.id }, params: { subject: deal.name } };
}

export function taskAssigned(task: Task, actorId: string | undefined): NotificationIntent | undefined {
  if (!assignedByOther(task.ownerId, actorId) || task.completed) return undefined;
  return { userId: task.ownerId, type: 'task_assigned', resource: { type: 'task', id: task.id }, params: { subject: task.content, ...(task.dueDate ? { detail: task.dueDate.toISOString() } : {}) } };
}

export function taskReminder(task: Task): NotificationIntent | undefined {
  if (!present(task.ownerId) || task.completed) return undefined;
  return { userId: task.ownerId, type: 'task_reminder', resource: { type: 'task', id: task.id }, params: { subject: task.content, ...(task.dueDate ? { detail: task.dueDate.toISOString() } : {}) } };
}

/** The owner and every user attending who has not declined. */
export function appointmentReminder(appointment: Appointment, occurrence: Date | undefined): NotificationIntent[] {
  const users = new Set<string>();
  if (present(appointment.ownerId)) users.add(appointment.ownerId);
  for (const a of appointment.attendees) if (present(a.userId) && a.status !== 'declined') users.add(a.userId);
  const starts = occurrence ?? appointment.startsAt;
  return [...users].map((userId) => ({ userId, type: 'appointment_reminder', resource: { type: 'appointment', id: appointment.id }, params: { subject: appointment.name, ...(starts ? { detail: starts.toISOString() } : {}) } }));
}

/** The owner hears of an answer, unless the owner is the one answering. */
export function appointmentReply(appointment: Appointment, attendee: { email: string; userId?: string; status: string }): NotificationIntent | undefined {
  if (!present(appointment.ownerId) || attendee.userId === appointment.ownerId) return undefined;
  return { userId: appointment.ownerId, type: 'appointment_reply', resource: { type: 'appointment', id: appointment.id }, params: { subject: appointment.name, detail: `${attendee.email} ${attendee.status}` } };
}

export function dataJobFinished(job: crm.leads.v1.DataJob): NotificationIntent | undefined {
  if (!present(job.creatorId)) return undefined;
  const type = job.kind === 'export' ? 'export_finished' : 'import_finished';
  const detail = job.status === 'failed' ? `failed: ${job.errorMessage}` : job.kind === 'export' ? `${job.totalRows} rows` : `${job.createdCount} created, ${job.updatedCount} updated, ${job.skippedCount} skipped, ${job.failedCount} failed`;
  return { userId: job.creatorId, type, resource: { type: 'data_job', id: job.id }, params: { subject: `${job.resourceType} ${job.kind}`, detail } };
}

/** An incoming call or text on a lead or contact goes to the record's owner (else to the user who took it). */
export function incomingContact(
  kind: 'call' | 'text_message',
  item: { id: string; userId: string; incoming: boolean; resourceType?: string; resourceId?: string; phoneNumber?: string },
  record: { ownerId: string; name: string } | undefined,
): NotificationIntent | undefined {
  if (!item.incoming || !item.resourceType || !present(item.resourceId)) return undefined;
  const userId = record && present(record.ownerId) ? record.ownerId : item.userId;
  if (!present(userId)) return undefined;
  const subject = record?.name ?? `${item.resourceType} ${item.resourceId}`;
  return { userId, type: kind === 'call' ? 'incoming_call' : 'incoming_text', resource: { type: kind, id: item.id }, params: { subject, ...(item.phoneNumber ? { detail: item.phoneNumber } : {}) } };
}
