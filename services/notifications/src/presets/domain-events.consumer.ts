import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent } from '@crm/events';
import type { ContextEventHandlers } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { ContextEventConsumer } from '@crm/service';
import type { NotificationsConfig } from '../config/notifications.config';
import { CONFIG } from '../notifications.constants';
import type { RecordDoc } from '../read-models/read-model.models';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { ActivityRecorder } from '../activities/activity-recorder';
import { appointmentBooked, callLogged, contactAdded, dealAdded, dealStageChanged, leadAdded, leadStatusChanged, noteAdded, taskActivity } from '../activities/activity-rules';
import { Notifier } from './notifier';
import { appointmentReminder, appointmentReply, dataJobFinished, dealAssigned, incomingContact, leadAssigned, leadCaptured, leadName, taskAssigned, taskReminder } from './preset-rules';

const EPOCH = new Date(0);

/**
 * Reads the domain events of every service: keeps the users and records notifications need,
 * raises the preset notifications and writes the activity stream. The MongoDB ledger records an event after its handler, so
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
  ) {
    super();
    this.groupId = config.domainEventsGroup;
    this.fromBeginning = config.domainEventsFromBeginning;
  }

  protected readonly handlers: ContextEventHandlers<void> = {
    userCreated: ({ user }, event) => this.putUser(user!, event),
    userUpdated: ({ user }, event) => this.putUser(user!, event),
    userDeleted: ({ user }, event) => this.putUser(user!, event),
    leadCreated: async ({ lead, capture }, event) => {
      await this.putRecord('lead', lead!.id, lead!.ownerId, leadName(lead!), lead!.updatedAt, event);
      await this.activities.record(event, leadAdded(lead!));
      if (capture) {
        const owner = await this.readModels.user(event.tenantId, lead!.ownerId);
        const active = new Set(owner?.status === 'active' || !owner ? [lead!.ownerId] : []);
        await this.notifier.raise(event, leadCaptured(lead!, capture.formName, active, await this.readModels.activeAdmins(event.tenantId)));
      } else {
        await this.notifier.raise(event, [leadAssigned(lead!, event.actorId)]);
      }
    },
    leadUpdated: async ({ lead, changedFields, previousValues }, event) => {
      await this.putRecord('lead', lead!.id, lead!.ownerId, leadName(lead!), lead!.updatedAt, event);
      await this.activities.record(event, leadStatusChanged(lead!, changedFields, previousValues));
      if (changedFields.includes('owner_id')) {
        await this.activities.followOwner(event.tenantId, 'lead', lead!.id);
        await this.notifier.raise(event, [leadAssigned(lead!, event.actorId)]);
      }
    },
    leadDeleted: ({ id, ownerId }, event) => this.putRecord('lead', id, ownerId, '', undefined, event, true),
    contactCreated: async ({ contact }, event) => {
      await this.putRecord('contact', contact!.id, contact!.ownerId, contact!.name, contact!.updatedAt, event);
      await this.activities.record(event, contactAdded(contact!));
    },
    contactUpdated: async ({ contact, changedFields }, event) => {
      await this.putRecord('contact', contact!.id, contact!.ownerId, contact!.name, contact!.updatedAt, event);
      if (changedFields.includes('owner_id')) await this.activities.followOwner(event.tenantId, 'contact', contact!.id);
    },
    contactDeleted: ({ id, ownerId }, event) => this.putRecord('contact', id, ownerId, '', undefined, event, true),
    dealCreated: async ({ deal }, event) => {
      await this.putRecord('deal', deal!.id, deal!.ownerId, deal!.name, deal!.updatedAt, event);
      await this.activities.record(event, dealAdded(deal!));
      await this.notifier.raise(event, [dealAssigned(deal!, event.actorId)]);
    },
    dealStageChanged: async (change, event) => {
      await this.putRecord('deal', change.deal!.id, change.deal!.ownerId, change.deal!.name, change.deal!.updatedAt, event);
      await this.activities.record(event, dealStageChanged(change));
    },
    dealUpdated: ({ deal }, event) => this.putRecord('deal', deal!.id, deal!.ownerId, deal!.name, deal!.updatedAt, event),
    dealOwnerChanged: async ({ deal }, event) => {
      await this.putRecord('deal', deal!.id, deal!.ownerId, deal!.name, deal!.updatedAt, event);
      await this.activities.followOwner(event.tenantId, 'deal', deal!.id);
      await this.notifier.raise(event, [dealAssigned(deal!, event.actorId)]);
    },
    dealDeleted: ({ id, ownerId }, event) => this.putRecord('deal', id, ownerId, '', undefined, event, true),
    leadsNoteCreated: (created, event) => this.activities.record(event, noteAdded(created)),
    dealsNoteCreated: (created, event) => this.activities.record(event, noteAdded(created)),
    taskCreated: async ({ task }, event) => {
      await this.activities.record(event, taskActivity('task_added', task!));
      await this.notifier.raise(event, [taskAssigned(task!, event.actorId)]);
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

  private async putRecord(type: RecordDoc['type'], recordId: string, ownerId: string, name: string, updatedAt: Date | undefined, event: CloudEvent, deleted = false): Promise<void> {
    // A deletion carries no time of its own: the event's time orders it after the record's changes.
    const version = deleted ? new Date(event.time) : (updatedAt ?? EPOCH);
    await this.readModels.putRecord({ tenantId: event.tenantId, type, recordId, ownerId, name, version, deleted });
  }

  private async recordOf(tenantId: string, type: string | undefined, id: string | undefined) {
    if ((type !== 'lead' && type !== 'contact') || !id) return undefined;
    const record = await this.readModels.record(tenantId, type, id);
    return record ? { ownerId: record.ownerId, name: record.name } : undefined;
  }
}
