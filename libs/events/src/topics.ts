/**
 * Every Kafka topic of the system: one per aggregate, versioned, keyed by the aggregate id so
 * each record's events stay ordered. Code refers to these constants, never to literals.
 */
export const TOPICS = {
  leadsLead: 'crm.leads.lead.v1',
  leadsContact: 'crm.leads.contact.v1',
  leadsNote: 'crm.leads.note.v1',
  leadsTag: 'crm.leads.tag.v1',
  leadsCollaboration: 'crm.leads.collaboration.v1',
  leadsDocument: 'crm.leads.document.v1',
  leadsCaptureForm: 'crm.leads.capture-form.v1',
  leadsDataJob: 'crm.leads.data-job.v1',
  dealsPipeline: 'crm.deals.pipeline.v1',
  dealsDeal: 'crm.deals.deal.v1',
  dealsNote: 'crm.deals.note.v1',
  dealsTag: 'crm.deals.tag.v1',
  dealsProduct: 'crm.deals.product.v1',
  dealsOrder: 'crm.deals.order.v1',
  dealsCollaboration: 'crm.deals.collaboration.v1',
  leadsReferenceItem: 'crm.leads.reference-item.v1',
  leadsCustomField: 'crm.leads.custom-field.v1',
  dealsReferenceItem: 'crm.deals.reference-item.v1',
  dealsCustomField: 'crm.deals.custom-field.v1',
  directoryUser: 'crm.directory.user.v1',
  directoryAccessToken: 'crm.directory.access-token.v1',
  directoryTeam: 'crm.directory.team.v1',
  directoryAccount: 'crm.directory.account.v1',
  calendarTask: 'crm.calendar.task.v1',
  calendarCall: 'crm.calendar.call.v1',
  calendarTextMessage: 'crm.calendar.text-message.v1',
  calendarVisit: 'crm.calendar.visit.v1',
  calendarAppointment: 'crm.calendar.appointment.v1',
  calendarReferenceItem: 'crm.calendar.reference-item.v1',
  notificationsNotification: 'crm.notifications.notification.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Consumer groups: `crm.<service>.<purpose>`. */
export const CONSUMER_GROUPS = {} as const;

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Retention in milliseconds; -1 keeps events forever. */
  retentionMs: number;
}

const WEEK = 7 * 24 * 3600 * 1000;

/** What `ensureTopics` creates: each aggregate topic with its partition count and retention. */
export const TOPIC_SPECS: readonly TopicSpec[] = Object.values(TOPICS).map((name) => ({ name, partitions: 6, retentionMs: WEEK }));

/** Retry and dead-letter topics belong to the consuming group. */
export function retryTopic(topic: string, group: string): string {
  return `${topic}.${group}.retry`;
}

export function deadLetterTopic(topic: string, group: string): string {
  return `${topic}.${group}.dlq`;
}
