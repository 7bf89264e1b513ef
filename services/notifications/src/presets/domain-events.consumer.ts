import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent } from '@crm/events';
import type { ContextEventHandlers } from '@crm/kafka';
import { crm } from '@crm/proto';
import { ContextEventConsumer } from '@crm/service';
import { contactFields, dealFields, leadFields, type RecordFields } from '@crm/conditions';
import type { NotificationsConfig } from '../config/notifications.config';
import { CONFIG } from '../notifications.constants';
import type { RecordDoc } from '../read-models/read-model.models';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { ActivityRecorder } from '../activities/activity-recorder';
import { appointmentBooked, callLogged, contactAdded, dealAdded, dealStageChanged, leadAdded, leadStatusChanged, noteAdded, taskActivity } from '../activities/activity-rules';
import { SubscriptionMatcher, type RecordChange } from '../subscriptions/subscription-matcher';
import { STATUS_FIELD, type TriggerType } from '../subscriptions/triggers';
import { Notifier } from './notifier';
import { appointmentReminder, appointmentReply, dataJobFinished, dealAssigned, incomingContact, leadAssigned, leadCaptured, leadName, taskAssigned, taskReminder } from './preset-rules';

const EPOCH = new Date(0);

const CUSTOM_FIELD_RESOURCES: Partial<Record<crm.common.v1.CustomFieldResource, 'lead' | 'contact' | 'deal'>> = {
  [crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_LEAD]: 'lead',
  [crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_CONTACT]: 'contact',
  [crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_DEAL]: 'deal',
};

/** The triggers an update fires: a change of status (leads' status, contacts' customer status), and a change of its fields. */
function updateTriggers(resource: RecordChange['resource'], changedFields: readonly string[]): { type: TriggerType; changedFields?: readonly string[] }[] {
  const status = resource === 'deal' ? undefined : STATUS_FIELD[resource];
  return [...(status && changedFields.includes(status) ? [{ type: 'status_changed' as const }] : []), { type: 'field_changed', changedFields }];
}

/**
 * Reads the domain events of every service: keeps the users and records notifications need,
 * raises the preset notifications, then the custom ones (a preset one, raised first, is the one a
 * user gets when both apply to the same change), and writes the activity stream. The MongoDB ledger records an event after its handler, so
 * each handler is safe to run twice: read models keep the newest version, notifications are
 * unique per event and user.
 */
@Injectable()
export class DomainEventsConsumer extends ContextEventConsumer<void> {
  protected readonly groupId: string | undefined;
  protected override readonly fromBeginning: boolean;

  constructor(
    @Inject(CONFIG) config: NotificationsConfig,
    private readonly readModels: ReadModelsRepository,
    private readonly notifier: Notifier,
    private readonly activities: ActivityRecorder,
    private readonly subscriptions: SubscriptionMatcher,
  ) {
    super();
    this.groupId = config.domainEventsGroup;
    this.fromBeginning = config.domainEventsFromBeginning;
  }

  protected readonly handlers: ContextEventHandlers<void> = {
    userCreated: ({ user }, event) => this.putUser(user!, event),
    userUpdated: ({ user }, event) => this.putUser(user!, event),
    userDeleted: ({ user }, event) => this.putUser(user!, event),
    teamCreated: ({ team }, event) => this.putTeam(team, event),
    teamUpdated: ({ team }, event) => this.putTeam(team, event),
    teamDeleted: ({ id }, event) => this.putTeam(undefined, event, true, id),
    leadsCustomFieldCreated: ({ field }, event) => this.putCustomField(field!, event),
    leadsCustomFieldUpdated: ({ field }, event) => this.putCustomField(field!, event),
    leadsCustomFieldDeleted: ({ field }, event) => this.putCustomField(field!, event, true),
    dealsCustomFieldCreated: ({ field }, event) => this.putCustomField(field!, event),
    dealsCustomFieldUpdated: ({ field }, event) => this.putCustomField(field!, event),
    dealsCustomFieldDeleted: ({ field }, event) => this.putCustomField(field!, event, true),
    leadCreated: async ({ lead, capture }, event) => {
      await this.putRecord('lead', lead!.id, lead!.ownerId, leadName(lead!), lead!.updatedAt, event, leadFields(lead!));
      await this.activities.record(event, leadAdded(lead!));
      await this.activities.recordKnown(event.tenantId, 'lead', lead!.id);
      await this.subscriptions.resumeDeferred(event.tenantId, 'lead', lead!.id);
      if (capture) {
        const owner = await this.readModels.user(event.tenantId, lead!.ownerId);
        const active = new Set(owner?.status === 'active' || !owner ? [lead!.ownerId] : []);
        await this.notifier.raise(event, leadCaptured(lead!, capture.formName, active, await this.readModels.activeAdmins(event.tenantId)));
      } else {
        await this.notifier.raise(event, [leadAssigned(lead!, event.actorId)]);
      }
      await this.subscriptions.match(event, { resource: 'lead', recordId: lead!.id, name: leadName(lead!), ownerId: lead!.ownerId, fields: leadFields(lead!), triggers: [{ type: 'record_created' }] });
    },
    leadUpdated: async ({ lead, changedFields, previousValues }, event) => {
      await this.putRecord('lead', lead!.id, lead!.ownerId, leadName(lead!), lead!.updatedAt, event, leadFields(lead!));
      await this.activities.record(event, leadStatusChanged(lead!, changedFields, previousValues));
      if (changedFields.includes('owner_id')) {
        await this.activities.followOwner(event.tenantId, 'lead', lead!.id);
        await this.notifier.raise(event, [leadAssigned(lead!, event.actorId)]);
      }
      await this.subscriptions.match(event, { resource: 'lead', recordId: lead!.id, name: leadName(lead!), ownerId: lead!.ownerId, fields: leadFields(lead!), triggers: updateTriggers('lead', changedFields) });
    },
    leadDeleted: ({ id, ownerId }, event) => this.putRecord('lead', id, ownerId, '', undefined, event, {}, true),
    contactCreated: async ({ contact }, event) => {
      await this.putRecord('contact', contact!.id, contact!.ownerId, contact!.name, contact!.updatedAt, event, contactFields(contact!));
      await this.activities.record(event, contactAdded(contact!));
      await this.activities.recordKnown(event.tenantId, 'contact', contact!.id);
      await this.subscriptions.resumeDeferred(event.tenantId, 'contact', contact!.id);
      await this.subscriptions.match(event, { resource: 'contact', recordId: contact!.id, name: contact!.name, ownerId: contact!.ownerId, fields: contactFields(contact!), triggers: [{ type: 'record_created' }] });
    },
    contactUpdated: async ({ contact, changedFields }, event) => {
      await this.putRecord('contact', contact!.id, contact!.ownerId, contact!.name, contact!.updatedAt, event, contactFields(contact!));
      if (changedFields.includes('owner_id')) await this.activities.followOwner(event.tenantId, 'contact', contact!.id);
      await this.subscriptions.match(event, { resource: 'contact', recordId: contact!.id, name: contact!.name, ownerId: contact!.ownerId, fields: contactFields(contact!), triggers: updateTriggers('contact', changedFields) });
    },
    contactDeleted: ({ id, ownerId }, event) => this.putRecord('contact', id, ownerId, '', undefined, event, {}, true),
    dealCreated: async ({ deal }, event) => {
      await this.putRecord('deal', deal!.id, deal!.ownerId, deal!.name, deal!.updatedAt, event, dealFields(deal!));
      await this.activities.record(event, dealAdded(deal!));
      await this.activities.recordKnown(event.tenantId, 'deal', deal!.id);
      await this.subscriptions.resumeDeferred(event.tenantId, 'deal', deal!.id);
      await this.notifier.raise(event, [dealAssigned(deal!, event.actorId)]);
      await this.subscriptions.match(event, { resource: 'deal', recordId: deal!.id, name: deal!.name, ownerId: deal!.ownerId, fields: dealFields(deal!), triggers: [{ type: 'record_created' }] });
    },
    dealStageChanged: async (change, event) => {
      await this.putRecord('deal', change.deal!.id, change.deal!.ownerId, change.deal!.name, change.deal!.updatedAt, event, dealFields(change.deal!));
      await this.activities.record(event, dealStageChanged(change));
      const deal = change.deal!;
      await this.subscriptions.match(event, { resource: 'deal', recordId: deal.id, name: deal.name, ownerId: deal.ownerId, fields: dealFields(deal), triggers: [{ type: 'stage_changed' }] });
    },
    dealUpdated: async ({ deal, changedFields }, event) => {
      await this.putRecord('deal', deal!.id, deal!.ownerId, deal!.name, deal!.updatedAt, event, dealFields(deal!));
      await this.subscriptions.match(event, { resource: 'deal', recordId: deal!.id, name: deal!.name, ownerId: deal!.ownerId, fields: dealFields(deal!), triggers: updateTriggers('deal', changedFields) });
    },
    dealOwnerChanged: async ({ deal }, event) => {
      await this.putRecord('deal', deal!.id, deal!.ownerId, deal!.name, deal!.updatedAt, event, dealFields(deal!));
      await this.activities.followOwner(event.tenantId, 'deal', deal!.id);
      await this.notifier.raise(event, [dealAssigned(deal!, event.actorId)]);
    },
    dealDeleted: ({ id, ownerId }, event) => this.putRecord('deal', id, ownerId, '', undefined, event, {}, true),
    leadsNoteCreated: async (created, event) => {
      await this.activities.record(event, noteAdded(created));
      await this.onItemAdded(event, created.note!.resourceType, created.note!.resourceId, 'note_added');
    },
    dealsNoteCreated: async (created, event) => {
      await this.activities.record(event, noteAdded(created));
      await this.onItemAdded(event, created.note!.resourceType, created.note!.resourceId, 'note_added');
    },
    taskCreated: async ({ task }, event) => {
      await this.activities.record(event, taskActivity('task_added', task!));
      await this.notifier.raise(event, [taskAssigned(task!, event.actorId)]);
      await this.onItemAdded(event, task!.resourceType, task!.resourceId, 'task_added');
    },
    taskCompleted: ({ task }, event) => this.activities.record(event, taskActivity('task_completed', task!)),
    callCreated: ({ call }, event) => this.activities.record(event, callLogged(call!)),
    appointmentCreated: ({ appointment }, event) => this.activities.record(event, appointmentBooked(appointment!)),
    taskAssigned: async ({ task }, event) => void (await this.notifier.raise(event, [taskAssigned(task!, event.actorId)])),
    taskReminderDue: async ({ task }, event) => void (await this.notifier.raise(event, [taskReminder(task!)])),
    appointmentReminderDue: async ({ appointment, occurrence }, event) => void (await this.notifier.raise(event, appointmentReminder(appointment!, occurrence))),
    appointmentAttendeeReplied: async ({ appointment, attendeeEmail, attendeeUserId, status }, event) =>
      void (await this.notifier.raise(event, [appointmentReply(appointment!, { email: attendeeEmail, status, ...(attendeeUserId ? { userId: attendeeUserId } : {}) })])),
    importFinished: async ({ job }, event) => void (await this.notifier.raise(event, [dataJobFinished(job!)])),
    exportFinished: async ({ job }, event) => void (await this.notifier.raise(event, [dataJobFinished(job!)])),
    callLogged: async ({ call }, event) => {
      const c = call!;
      await this.activities.record(event, callLogged(c));
      const record = await this.recordOf(event.tenantId, c.resourceType, c.resourceId);
      const item = { id: c.id, userId: c.userId, incoming: c.incoming, ...(c.resourceType ? { resourceType: c.resourceType } : {}), ...(c.resourceId ? { resourceId: c.resourceId } : {}), ...(c.phoneNumber ? { phoneNumber: c.phoneNumber } : {}) };
      await this.notifier.raise(event, [incomingContact('call', item, record)]);
    },
    textMessageLogged: async ({ textMessage }, event) => {
      const t = textMessage!;
      const record = await this.recordOf(event.tenantId, t.resourceType, t.resourceId);
      const item = { id: t.id, userId: t.userId, incoming: t.incoming, ...(t.resourceType ? { resourceType: t.resourceType } : {}), ...(t.resourceId ? { resourceId: t.resourceId } : {}), ...(t.resourcePhoneNumber ? { phoneNumber: t.resourcePhoneNumber } : {}) };
      await this.notifier.raise(event, [incomingContact('text_message', item, record)]);
    },
  };

  private async onItemAdded(event: CloudEvent, type: string | undefined, id: string | undefined, trigger: 'task_added' | 'note_added'): Promise<void> {
    if ((type === 'lead' || type === 'contact' || type === 'deal') && id) await this.subscriptions.onItemAdded(event, type, id, trigger);
  }

  private async putTeam(team: { id: string; name: string; updatedAt?: Date | undefined } | undefined, event: CloudEvent, deleted = false, id?: string): Promise<void> {
    const teamId = team?.id ?? id!;
    await this.readModels.putTeam({ tenantId: event.tenantId, teamId, name: team?.name ?? '', deleted, version: deleted ? new Date(event.time) : (team?.updatedAt ?? EPOCH) });
  }

  private async putCustomField(field: crm.common.v1.CustomField, event: CloudEvent, deleted = false): Promise<void> {
    const resourceType = CUSTOM_FIELD_RESOURCES[field.resource];
    if (!resourceType) return;
    await this.readModels.putCustomField({ tenantId: event.tenantId, resourceType, fieldId: field.id, name: field.name, type: field.type, deleted, version: deleted ? new Date(event.time) : (field.updatedAt ?? EPOCH) });
  }

  private async putUser(user: crm.directory.v1.User, event: CloudEvent): Promise<void> {
    await this.readModels.putUser({
      tenantId: event.tenantId,
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      status: user.deletedAt ? 'inactive' : user.status,
      reportsTo: user.reportsTo ?? null,
      teamId: user.team?.id ?? null,
      timezone: user.timezone ?? null,
      version: user.updatedAt ?? new Date(event.time),
    });
  }

  private async putRecord(type: RecordDoc['type'], recordId: string, ownerId: string, name: string, updatedAt: Date | undefined, event: CloudEvent, fields: RecordFields, deleted = false): Promise<void> {
    // A deletion carries no time of its own: the event's time orders it after the record's changes.
    const version = deleted ? new Date(event.time) : (updatedAt ?? EPOCH);
    await this.readModels.putRecord({ tenantId: event.tenantId, type, recordId, ownerId, name, version, deleted, fields });
  }

  private async recordOf(tenantId: string, type: string | undefined, id: string | undefined) {
    if ((type !== 'lead' && type !== 'contact') || !id) return undefined;
    const record = await this.readModels.record(tenantId, type, id);
    return record ? { ownerId: record.ownerId, name: record.name } : undefined;
  }
}
