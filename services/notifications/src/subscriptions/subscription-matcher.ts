import { Injectable } from '@nestjs/common';
import { matches, type FilteredRecordType, type RecordFields } from '@crm/conditions';
import { Notifier, type RaisingEvent } from '../presets/notifier';
import type { NotificationIntent } from '../presets/preset-rules';
import { fieldsOf, type DirectoryUserDoc } from '../read-models/read-model.models';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { FieldCatalogue } from './field-catalogue';
import type { SubscriptionDoc } from './subscription.model';
import { SubscriptionsRepository } from './subscriptions.repository';
import type { TriggerType } from './triggers';

/** A change to a record, as triggers see it. */
export interface RecordChange {
  resource: FilteredRecordType;
  recordId: string;
  name: string;
  ownerId: string;
  fields: RecordFields;
  /** The triggers the change fires; field_changed carries the changed fields. */
  triggers: readonly { type: TriggerType; changedFields?: readonly string[] }[];
}

/** Whether `user` may see records of `owner`: admins all; a user their own; a manager theirs and their direct reports'. */
export function maySee(user: DirectoryUserDoc, owner: DirectoryUserDoc | undefined, ownerId: string): boolean {
  if (user.role === 'admin' || user.userId === ownerId) return true;
  return user.role === 'manager' && owner?.reportsTo === user.userId;
}

/**
 * Custom notifications: the enabled subscriptions of the record's type with a fired trigger whose
 * filter the record matches, told to their recipients (the creator, or the team's active members)
 * who may see the record, never to the user who made the change. One notification per event and
 * user, whatever the subscriptions that match.
 */
@Injectable()
export class SubscriptionMatcher {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly readModels: ReadModelsRepository,
    private readonly fields: FieldCatalogue,
    private readonly notifier: Notifier,
  ) {}

  async match(event: RaisingEvent, change: RecordChange): Promise<number> {
    const fired = new Map<string, { subscription: SubscriptionDoc; trigger: TriggerType }>();
    for (const trigger of change.triggers) {
      for (const s of await this.subscriptions.concerned(event.tenantId, change.resource, trigger.type)) {
        if (fired.has(s._id)) continue;
        const watched = s.triggers.find((t) => t.type === trigger.type);
        if (trigger.type === 'field_changed' && !watched?.fields?.some((f) => trigger.changedFields?.includes(f))) continue;
        fired.set(s._id, { subscription: s, trigger: trigger.type });
      }
    }
    if (fired.size === 0) return 0;
    const owner = (await this.readModels.usersByIds(event.tenantId, [change.ownerId]))[0];
    const record = { ...change.fields, team_id: owner?.teamId ?? null };
    const kindOf = await this.fields.of(event.tenantId, change.resource);
    const intents: NotificationIntent[] = [];
    for (const { subscription, trigger } of fired.values()) {
      if (!matches(subscription.filter, record, kindOf)) continue;
      for (const user of await this.recipients(event.tenantId, subscription)) {
        if (user.userId === event.actorId || !maySee(user, owner, change.ownerId)) continue;
        intents.push({
          userId: user.userId,
          type: 'custom',
          resource: { type: change.resource, id: change.recordId },
          params: { subject: change.name, detail: trigger, subscriptionName: subscription.name },
          channels: subscription.channels,
        });
      }
    }
    return this.notifier.raise(event, intents);
  }

  /**
   * A task or note added to a record: matched against the record as the read model last stored it.
   * A record not known yet (its own event, on another topic, comes later) keeps the trigger until
   * it is ({@link resumeDeferred}).
   */
  async onItemAdded(event: RaisingEvent, resource: FilteredRecordType, recordId: string, trigger: 'task_added' | 'note_added'): Promise<void> {
    const record = await this.readModels.record(event.tenantId, resource, recordId);
    if (!record) return this.subscriptions.defer({ _id: event.id, tenantId: event.tenantId, resourceType: resource, recordId, trigger, actorId: event.actorId ?? null, time: event.time });
    await this.match(event, { resource, recordId, name: record.name, ownerId: record.ownerId, fields: fieldsOf(record), triggers: [{ type: trigger }] });
  }

  /** The record is known now: the triggers that waited for it are matched, each once. */
  async resumeDeferred(tenantId: string, resource: FilteredRecordType, recordId: string): Promise<void> {
    for (const waiting of await this.subscriptions.deferredOf(tenantId, resource, recordId)) {
      const event = { id: waiting._id, tenantId, time: waiting.time, ...(waiting.actorId ? { actorId: waiting.actorId } : {}) };
      await this.onItemAdded(event, resource, recordId, waiting.trigger);
      await this.subscriptions.resumed(tenantId, waiting._id);
    }
  }

  private async recipients(tenantId: string, subscription: SubscriptionDoc): Promise<DirectoryUserDoc[]> {
    if (subscription.teamId) return this.readModels.teamMembers(tenantId, subscription.teamId);
    return (await this.readModels.usersByIds(tenantId, [subscription.creatorId])).filter((u) => u.status === 'active');
  }
}
