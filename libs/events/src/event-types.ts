import { crm } from '@crm/proto';
import { TOPICS, type Topic } from './topics';

/** Encoder/decoder pair of one protobuf message (the ts-proto generated codec). */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromPartial?(object: unknown): T;
}

export interface EventTypeSpec<T> {
  /** CloudEvents `type`. */
  type: string;
  topic: Topic;
  /** CloudEvents `source` of the owning service. */
  source: string;
  /** Fully qualified protobuf message name of the payload. */
  message: string;
  codec: MessageCodec<T>;
}

const leads = crm.leads.v1;
const deals = crm.deals.v1;
const common = crm.common.v1;
const directory = crm.directory.v1;
const calendar = crm.calendar.v1;
const notifications = crm.notifications.v1;

function spec<T>(type: string, topic: Topic, source: string, message: string, codec: MessageCodec<T>): EventTypeSpec<T> {
  return { type, topic, source, message, codec };
}

/** The registry of every event type: CloudEvents type ↔ topic ↔ protobuf message. */
export const EVENT_TYPES = {
  leadCreated: spec('com.pipewright.crm.leads.lead.created.v1', TOPICS.leadsLead, '/crm/leads-contacts', 'crm.leads.v1.LeadCreated', leads.LeadCreated),
  leadUpdated: spec('com.pipewright.crm.leads.lead.updated.v1', TOPICS.leadsLead, '/crm/leads-contacts', 'crm.leads.v1.LeadUpdated', leads.LeadUpdated),
  leadDeleted: spec('com.pipewright.crm.leads.lead.deleted.v1', TOPICS.leadsLead, '/crm/leads-contacts', 'crm.leads.v1.LeadDeleted', leads.LeadDeleted),
  leadConverted: spec('com.pipewright.crm.leads.lead.converted.v1', TOPICS.leadsLead, '/crm/leads-contacts', 'crm.leads.v1.LeadConverted', leads.LeadConverted),
  documentCreated: spec('com.pipewright.crm.leads.document.created.v1', TOPICS.leadsDocument, '/crm/leads-contacts', 'crm.leads.v1.DocumentCreated', leads.DocumentCreated),
  documentDeleted: spec('com.pipewright.crm.leads.document.deleted.v1', TOPICS.leadsDocument, '/crm/leads-contacts', 'crm.leads.v1.DocumentDeleted', leads.DocumentDeleted),
  captureFormCreated: spec('com.pipewright.crm.leads.capture-form.created.v1', TOPICS.leadsCaptureForm, '/crm/leads-contacts', 'crm.leads.v1.CaptureFormCreated', leads.CaptureFormCreated),
  captureFormUpdated: spec('com.pipewright.crm.leads.capture-form.updated.v1', TOPICS.leadsCaptureForm, '/crm/leads-contacts', 'crm.leads.v1.CaptureFormUpdated', leads.CaptureFormUpdated),
  captureFormDeleted: spec('com.pipewright.crm.leads.capture-form.deleted.v1', TOPICS.leadsCaptureForm, '/crm/leads-contacts', 'crm.leads.v1.CaptureFormDeleted', leads.CaptureFormDeleted),
  importProgressed: spec('com.pipewright.crm.leads.import.progressed.v1', TOPICS.leadsDataJob, '/crm/leads-contacts', 'crm.leads.v1.ImportProgressed', leads.ImportProgressed),
  importFinished: spec('com.pipewright.crm.leads.import.finished.v1', TOPICS.leadsDataJob, '/crm/leads-contacts', 'crm.leads.v1.ImportFinished', leads.ImportFinished),
  exportProgressed: spec('com.pipewright.crm.leads.export.progressed.v1', TOPICS.leadsDataJob, '/crm/leads-contacts', 'crm.leads.v1.ExportProgressed', leads.ExportProgressed),
  exportFinished: spec('com.pipewright.crm.leads.export.finished.v1', TOPICS.leadsDataJob, '/crm/leads-contacts', 'crm.leads.v1.ExportFinished', leads.ExportFinished),
  pipelineCreated: spec('com.pipewright.crm.deals.pipeline.created.v1', TOPICS.dealsPipeline, '/crm/deals-pipelines', 'crm.deals.v1.PipelineCreated', deals.PipelineCreated),
  pipelineUpdated: spec('com.pipewright.crm.deals.pipeline.updated.v1', TOPICS.dealsPipeline, '/crm/deals-pipelines', 'crm.deals.v1.PipelineUpdated', deals.PipelineUpdated),
  contactCreated: spec('com.pipewright.crm.leads.contact.created.v1', TOPICS.leadsContact, '/crm/leads-contacts', 'crm.leads.v1.ContactCreated', leads.ContactCreated),
  contactUpdated: spec('com.pipewright.crm.leads.contact.updated.v1', TOPICS.leadsContact, '/crm/leads-contacts', 'crm.leads.v1.ContactUpdated', leads.ContactUpdated),
  contactDeleted: spec('com.pipewright.crm.leads.contact.deleted.v1', TOPICS.leadsContact, '/crm/leads-contacts', 'crm.leads.v1.ContactDeleted', leads.ContactDeleted),
  leadsCustomFieldCreated: spec('com.pipewright.crm.leads.custom-field.created.v1', TOPICS.leadsCustomField, '/crm/leads-contacts', 'crm.common.v1.CustomFieldCreated', common.CustomFieldCreated),
  leadsCustomFieldUpdated: spec('com.pipewright.crm.leads.custom-field.updated.v1', TOPICS.leadsCustomField, '/crm/leads-contacts', 'crm.common.v1.CustomFieldUpdated', common.CustomFieldUpdated),
  leadsCustomFieldDeleted: spec('com.pipewright.crm.leads.custom-field.deleted.v1', TOPICS.leadsCustomField, '/crm/leads-contacts', 'crm.common.v1.CustomFieldDeleted', common.CustomFieldDeleted),
  dealsCustomFieldCreated: spec('com.pipewright.crm.deals.custom-field.created.v1', TOPICS.dealsCustomField, '/crm/deals-pipelines', 'crm.common.v1.CustomFieldCreated', common.CustomFieldCreated),
  dealsCustomFieldUpdated: spec('com.pipewright.crm.deals.custom-field.updated.v1', TOPICS.dealsCustomField, '/crm/deals-pipelines', 'crm.common.v1.CustomFieldUpdated', common.CustomFieldUpdated),
  dealsCustomFieldDeleted: spec('com.pipewright.crm.deals.custom-field.deleted.v1', TOPICS.dealsCustomField, '/crm/deals-pipelines', 'crm.common.v1.CustomFieldDeleted', common.CustomFieldDeleted),
  leadsReferenceItemCreated: spec('com.pipewright.crm.leads.reference-item.created.v1', TOPICS.leadsReferenceItem, '/crm/leads-contacts', 'crm.common.v1.ReferenceItemCreated', common.ReferenceItemCreated),
  leadsReferenceItemUpdated: spec('com.pipewright.crm.leads.reference-item.updated.v1', TOPICS.leadsReferenceItem, '/crm/leads-contacts', 'crm.common.v1.ReferenceItemUpdated', common.ReferenceItemUpdated),
  leadsReferenceItemDeleted: spec('com.pipewright.crm.leads.reference-item.deleted.v1', TOPICS.leadsReferenceItem, '/crm/leads-contacts', 'crm.common.v1.ReferenceItemDeleted', common.ReferenceItemDeleted),
  dealsReferenceItemCreated: spec('com.pipewright.crm.deals.reference-item.created.v1', TOPICS.dealsReferenceItem, '/crm/deals-pipelines', 'crm.common.v1.ReferenceItemCreated', common.ReferenceItemCreated),
  dealsReferenceItemUpdated: spec('com.pipewright.crm.deals.reference-item.updated.v1', TOPICS.dealsReferenceItem, '/crm/deals-pipelines', 'crm.common.v1.ReferenceItemUpdated', common.ReferenceItemUpdated),
  dealsReferenceItemDeleted: spec('com.pipewright.crm.deals.reference-item.deleted.v1', TOPICS.dealsReferenceItem, '/crm/deals-pipelines', 'crm.common.v1.ReferenceItemDeleted', common.ReferenceItemDeleted),
  dealCreated: spec('com.pipewright.crm.deals.deal.created.v1', TOPICS.dealsDeal, '/crm/deals-pipelines', 'crm.deals.v1.DealCreated', deals.DealCreated),
  dealUpdated: spec('com.pipewright.crm.deals.deal.updated.v1', TOPICS.dealsDeal, '/crm/deals-pipelines', 'crm.deals.v1.DealUpdated', deals.DealUpdated),
  dealStageChanged: spec('com.pipewright.crm.deals.deal.stage-changed.v1', TOPICS.dealsDeal, '/crm/deals-pipelines', 'crm.deals.v1.DealStageChanged', deals.DealStageChanged),
  dealOwnerChanged: spec('com.pipewright.crm.deals.deal.owner-changed.v1', TOPICS.dealsDeal, '/crm/deals-pipelines', 'crm.deals.v1.DealOwnerChanged', deals.DealOwnerChanged),
  dealDeleted: spec('com.pipewright.crm.deals.deal.deleted.v1', TOPICS.dealsDeal, '/crm/deals-pipelines', 'crm.deals.v1.DealDeleted', deals.DealDeleted),
  dealContactAssociated: spec('com.pipewright.crm.deals.deal.contact-associated.v1', TOPICS.dealsDeal, '/crm/deals-pipelines', 'crm.deals.v1.DealContactAssociated', deals.DealContactAssociated),
  dealContactDissociated: spec('com.pipewright.crm.deals.deal.contact-dissociated.v1', TOPICS.dealsDeal, '/crm/deals-pipelines', 'crm.deals.v1.DealContactDissociated', deals.DealContactDissociated),
  productCreated: spec('com.pipewright.crm.deals.product.created.v1', TOPICS.dealsProduct, '/crm/deals-pipelines', 'crm.deals.v1.ProductCreated', deals.ProductCreated),
  productUpdated: spec('com.pipewright.crm.deals.product.updated.v1', TOPICS.dealsProduct, '/crm/deals-pipelines', 'crm.deals.v1.ProductUpdated', deals.ProductUpdated),
  productDeleted: spec('com.pipewright.crm.deals.product.deleted.v1', TOPICS.dealsProduct, '/crm/deals-pipelines', 'crm.deals.v1.ProductDeleted', deals.ProductDeleted),
  userCreated: spec('com.pipewright.crm.directory.user.created.v1', TOPICS.directoryUser, '/crm/directory', 'crm.directory.v1.UserCreated', directory.UserCreated),
  userUpdated: spec('com.pipewright.crm.directory.user.updated.v1', TOPICS.directoryUser, '/crm/directory', 'crm.directory.v1.UserUpdated', directory.UserUpdated),
  userDeleted: spec('com.pipewright.crm.directory.user.deleted.v1', TOPICS.directoryUser, '/crm/directory', 'crm.directory.v1.UserDeleted', directory.UserDeleted),
  teamCreated: spec('com.pipewright.crm.directory.team.created.v1', TOPICS.directoryTeam, '/crm/directory', 'crm.directory.v1.TeamCreated', directory.TeamCreated),
  teamUpdated: spec('com.pipewright.crm.directory.team.updated.v1', TOPICS.directoryTeam, '/crm/directory', 'crm.directory.v1.TeamUpdated', directory.TeamUpdated),
  teamDeleted: spec('com.pipewright.crm.directory.team.deleted.v1', TOPICS.directoryTeam, '/crm/directory', 'crm.directory.v1.TeamDeleted', directory.TeamDeleted),
  accountUpdated: spec('com.pipewright.crm.directory.account.updated.v1', TOPICS.directoryAccount, '/crm/directory', 'crm.directory.v1.AccountUpdated', directory.AccountUpdated),
  accessTokenCreated: spec('com.pipewright.crm.directory.access-token.created.v1', TOPICS.directoryAccessToken, '/crm/directory', 'crm.directory.v1.AccessTokenCreated', directory.AccessTokenCreated),
  accessTokenRevoked: spec('com.pipewright.crm.directory.access-token.revoked.v1', TOPICS.directoryAccessToken, '/crm/directory', 'crm.directory.v1.AccessTokenRevoked', directory.AccessTokenRevoked),
  orderCreated: spec('com.pipewright.crm.deals.order.created.v1', TOPICS.dealsOrder, '/crm/deals-pipelines', 'crm.deals.v1.OrderCreated', deals.OrderCreated),
  orderUpdated: spec('com.pipewright.crm.deals.order.updated.v1', TOPICS.dealsOrder, '/crm/deals-pipelines', 'crm.deals.v1.OrderUpdated', deals.OrderUpdated),
  orderDeleted: spec('com.pipewright.crm.deals.order.deleted.v1', TOPICS.dealsOrder, '/crm/deals-pipelines', 'crm.deals.v1.OrderDeleted', deals.OrderDeleted),
  lineItemAdded: spec('com.pipewright.crm.deals.order.line-item-added.v1', TOPICS.dealsOrder, '/crm/deals-pipelines', 'crm.deals.v1.LineItemAdded', deals.LineItemAdded),
  lineItemRemoved: spec('com.pipewright.crm.deals.order.line-item-removed.v1', TOPICS.dealsOrder, '/crm/deals-pipelines', 'crm.deals.v1.LineItemRemoved', deals.LineItemRemoved),
  leadsCollaborationCreated: spec('com.pipewright.crm.leads.collaboration.created.v1', TOPICS.leadsCollaboration, '/crm/leads-contacts', 'crm.common.v1.CollaborationCreated', common.CollaborationCreated),
  leadsCollaborationDeleted: spec('com.pipewright.crm.leads.collaboration.deleted.v1', TOPICS.leadsCollaboration, '/crm/leads-contacts', 'crm.common.v1.CollaborationDeleted', common.CollaborationDeleted),
  dealsCollaborationCreated: spec('com.pipewright.crm.deals.collaboration.created.v1', TOPICS.dealsCollaboration, '/crm/deals-pipelines', 'crm.common.v1.CollaborationCreated', common.CollaborationCreated),
  dealsCollaborationDeleted: spec('com.pipewright.crm.deals.collaboration.deleted.v1', TOPICS.dealsCollaboration, '/crm/deals-pipelines', 'crm.common.v1.CollaborationDeleted', common.CollaborationDeleted),
  leadsNoteCreated: spec('com.pipewright.crm.leads.note.created.v1', TOPICS.leadsNote, '/crm/leads-contacts', 'crm.common.v1.NoteCreated', common.NoteCreated),
  leadsNoteUpdated: spec('com.pipewright.crm.leads.note.updated.v1', TOPICS.leadsNote, '/crm/leads-contacts', 'crm.common.v1.NoteUpdated', common.NoteUpdated),
  leadsNoteDeleted: spec('com.pipewright.crm.leads.note.deleted.v1', TOPICS.leadsNote, '/crm/leads-contacts', 'crm.common.v1.NoteDeleted', common.NoteDeleted),
  dealsNoteCreated: spec('com.pipewright.crm.deals.note.created.v1', TOPICS.dealsNote, '/crm/deals-pipelines', 'crm.common.v1.NoteCreated', common.NoteCreated),
  dealsNoteUpdated: spec('com.pipewright.crm.deals.note.updated.v1', TOPICS.dealsNote, '/crm/deals-pipelines', 'crm.common.v1.NoteUpdated', common.NoteUpdated),
  dealsNoteDeleted: spec('com.pipewright.crm.deals.note.deleted.v1', TOPICS.dealsNote, '/crm/deals-pipelines', 'crm.common.v1.NoteDeleted', common.NoteDeleted),
  leadsTagCreated: spec('com.pipewright.crm.leads.tag.created.v1', TOPICS.leadsTag, '/crm/leads-contacts', 'crm.common.v1.TagCreated', common.TagCreated),
  leadsTagUpdated: spec('com.pipewright.crm.leads.tag.updated.v1', TOPICS.leadsTag, '/crm/leads-contacts', 'crm.common.v1.TagUpdated', common.TagUpdated),
  leadsTagDeleted: spec('com.pipewright.crm.leads.tag.deleted.v1', TOPICS.leadsTag, '/crm/leads-contacts', 'crm.common.v1.TagDeleted', common.TagDeleted),
  dealsTagCreated: spec('com.pipewright.crm.deals.tag.created.v1', TOPICS.dealsTag, '/crm/deals-pipelines', 'crm.common.v1.TagCreated', common.TagCreated),
  dealsTagUpdated: spec('com.pipewright.crm.deals.tag.updated.v1', TOPICS.dealsTag, '/crm/deals-pipelines', 'crm.common.v1.TagUpdated', common.TagUpdated),
  dealsTagDeleted: spec('com.pipewright.crm.deals.tag.deleted.v1', TOPICS.dealsTag, '/crm/deals-pipelines', 'crm.common.v1.TagDeleted', common.TagDeleted),
  taskCreated: spec('com.pipewright.crm.calendar.task.created.v1', TOPICS.calendarTask, '/crm/calendar-tasks', 'crm.calendar.v1.TaskCreated', calendar.TaskCreated),
  taskUpdated: spec('com.pipewright.crm.calendar.task.updated.v1', TOPICS.calendarTask, '/crm/calendar-tasks', 'crm.calendar.v1.TaskUpdated', calendar.TaskUpdated),
  taskCompleted: spec('com.pipewright.crm.calendar.task.completed.v1', TOPICS.calendarTask, '/crm/calendar-tasks', 'crm.calendar.v1.TaskCompleted', calendar.TaskCompleted),
  taskReopened: spec('com.pipewright.crm.calendar.task.reopened.v1', TOPICS.calendarTask, '/crm/calendar-tasks', 'crm.calendar.v1.TaskReopened', calendar.TaskReopened),
  taskAssigned: spec('com.pipewright.crm.calendar.task.assigned.v1', TOPICS.calendarTask, '/crm/calendar-tasks', 'crm.calendar.v1.TaskAssigned', calendar.TaskAssigned),
  taskDeleted: spec('com.pipewright.crm.calendar.task.deleted.v1', TOPICS.calendarTask, '/crm/calendar-tasks', 'crm.calendar.v1.TaskDeleted', calendar.TaskDeleted),
  taskReminderDue: spec('com.pipewright.crm.calendar.task.reminder-due.v1', TOPICS.calendarTask, '/crm/calendar-tasks', 'crm.calendar.v1.TaskReminderDue', calendar.TaskReminderDue),
  callCreated: spec('com.pipewright.crm.calendar.call.created.v1', TOPICS.calendarCall, '/crm/calendar-tasks', 'crm.calendar.v1.CallCreated', calendar.CallCreated),
  callUpdated: spec('com.pipewright.crm.calendar.call.updated.v1', TOPICS.calendarCall, '/crm/calendar-tasks', 'crm.calendar.v1.CallUpdated', calendar.CallUpdated),
  callDeleted: spec('com.pipewright.crm.calendar.call.deleted.v1', TOPICS.calendarCall, '/crm/calendar-tasks', 'crm.calendar.v1.CallDeleted', calendar.CallDeleted),
  callLogged: spec('com.pipewright.crm.calendar.call.logged.v1', TOPICS.calendarCall, '/crm/calendar-tasks', 'crm.calendar.v1.CallLogged', calendar.CallLogged),
  textMessageLogged: spec('com.pipewright.crm.calendar.text-message.logged.v1', TOPICS.calendarTextMessage, '/crm/calendar-tasks', 'crm.calendar.v1.TextMessageLogged', calendar.TextMessageLogged),
  visitCreated: spec('com.pipewright.crm.calendar.visit.created.v1', TOPICS.calendarVisit, '/crm/calendar-tasks', 'crm.calendar.v1.VisitCreated', calendar.VisitCreated),
  appointmentCreated: spec('com.pipewright.crm.calendar.appointment.created.v1', TOPICS.calendarAppointment, '/crm/calendar-tasks', 'crm.calendar.v1.AppointmentCreated', calendar.AppointmentCreated),
  appointmentUpdated: spec('com.pipewright.crm.calendar.appointment.updated.v1', TOPICS.calendarAppointment, '/crm/calendar-tasks', 'crm.calendar.v1.AppointmentUpdated', calendar.AppointmentUpdated),
  appointmentCancelled: spec('com.pipewright.crm.calendar.appointment.cancelled.v1', TOPICS.calendarAppointment, '/crm/calendar-tasks', 'crm.calendar.v1.AppointmentCancelled', calendar.AppointmentCancelled),
  appointmentAttendeeReplied: spec('com.pipewright.crm.calendar.appointment.attendee-replied.v1', TOPICS.calendarAppointment, '/crm/calendar-tasks', 'crm.calendar.v1.AppointmentAttendeeReplied', calendar.AppointmentAttendeeReplied),
  appointmentReminderDue: spec('com.pipewright.crm.calendar.appointment.reminder-due.v1', TOPICS.calendarAppointment, '/crm/calendar-tasks', 'crm.calendar.v1.AppointmentReminderDue', calendar.AppointmentReminderDue),
  calendarReferenceItemCreated: spec('com.pipewright.crm.calendar.reference-item.created.v1', TOPICS.calendarReferenceItem, '/crm/calendar-tasks', 'crm.common.v1.ReferenceItemCreated', common.ReferenceItemCreated),
  calendarReferenceItemUpdated: spec('com.pipewright.crm.calendar.reference-item.updated.v1', TOPICS.calendarReferenceItem, '/crm/calendar-tasks', 'crm.common.v1.ReferenceItemUpdated', common.ReferenceItemUpdated),
  calendarReferenceItemDeleted: spec('com.pipewright.crm.calendar.reference-item.deleted.v1', TOPICS.calendarReferenceItem, '/crm/calendar-tasks', 'crm.common.v1.ReferenceItemDeleted', common.ReferenceItemDeleted),
  notificationCreated: spec('com.pipewright.crm.notifications.notification.created.v1', TOPICS.notificationsNotification, '/crm/notifications', 'crm.notifications.v1.NotificationCreated', notifications.NotificationCreated),
} as const;

export type EventTypeKey = keyof typeof EVENT_TYPES;
export type EventPayload<K extends EventTypeKey> = (typeof EVENT_TYPES)[K] extends EventTypeSpec<infer T> ? T : never;

const byType = new Map<string, EventTypeSpec<unknown>>(Object.values(EVENT_TYPES).map((s) => [s.type, s as EventTypeSpec<unknown>]));

export function eventTypeSpec(type: string): EventTypeSpec<unknown> | undefined {
  return byType.get(type);
}
