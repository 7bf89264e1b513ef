import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Principal } from '@crm/auth';
import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import { FILTERED_RECORD_TYPES, validateFilter, type Filter, type FilteredRecordType } from '@crm/conditions';
import { CHANNELS, isChannel, type Channel } from '../catalogue/notification-types';
import { NotificationsError } from '../notifications.errors';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { FieldCatalogue } from './field-catalogue';
import type { SubscriptionDoc } from './subscription.model';
import { SubscriptionsRepository } from './subscriptions.repository';
import { validateTriggers, type Trigger, type TriggerType } from './triggers';

/** Subscriptions one user may keep; an account's admin sees them all. */
export const MAX_SUBSCRIPTIONS_PER_USER = 100;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Input = crm.notifications.v1.SubscriptionInput;
const isResource = (v: string): v is FilteredRecordType => (FILTERED_RECORD_TYPES as readonly string[]).includes(v);

/**
 * Custom notifications. Everything a client sends is checked before anything is written: the
 * record type, the filter against the tenant's fields (custom ones included), the triggers of that
 * type, the channels and the team. A user keeps their own; a manager or admin may make one for a
 * team, whose members then see it; an admin sees and changes all.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly repository: SubscriptionsRepository,
    private readonly readModels: ReadModelsRepository,
    private readonly fields: FieldCatalogue,
  ) {}

  async list(principal: Principal, resourceType: string): Promise<crm.notifications.v1.NotificationSubscription[]> {
    if (resourceType && !isResource(resourceType)) throw NotificationsError.invalidSubscription([{ field: 'resource_type', code: 'incorrect_value', message: `must be one of ${FILTERED_RECORD_TYPES.join(', ')}` }]);
    const who = principal.role === 'admin' ? 'all' : { creatorId: principal.userId, teamId: await this.teamOf(principal) };
    return (await this.repository.list(principal.tenantId, who, resourceType ? (resourceType as FilteredRecordType) : undefined)).map(toSubscription);
  }

  async get(principal: Principal, id: string): Promise<crm.notifications.v1.NotificationSubscription> {
    return toSubscription(await this.visible(principal, id));
  }

  async create(principal: Principal, input: Input, mask: readonly string[]): Promise<crm.notifications.v1.NotificationSubscription> {
    const sent = new Set(mask);
    const now = new Date();
    const doc: SubscriptionDoc = {
      _id: uuidv7(),
      tenantId: principal.tenantId,
      creatorId: principal.userId,
      teamId: sent.has('team_id') ? (input.teamId ?? null) : null,
      name: input.name.trim(),
      resourceType: input.resourceType as FilteredRecordType,
      filter: sent.has('filter') ? ((input.filter as Filter | undefined) ?? null) : null,
      triggers: input.triggers.map(toTrigger),
      triggerTypes: [],
      channels: (sent.has('channels') ? input.channels : ['web']) as Channel[],
      enabled: sent.has('enabled') ? input.enabled : true,
      createdAt: now,
      updatedAt: now,
    };
    await this.check(principal, doc, true);
    if ((await this.repository.countOfCreator(principal.tenantId, principal.userId)) >= MAX_SUBSCRIPTIONS_PER_USER) {
      throw NotificationsError.invalidSubscription([{ field: 'name', code: 'incorrect_value', message: `a user keeps at most ${MAX_SUBSCRIPTIONS_PER_USER} subscriptions` }]);
    }
    await this.repository.insert(withTriggerTypes(doc));
    return toSubscription(doc);
  }

  async update(principal: Principal, id: string, input: Input, mask: readonly string[]): Promise<crm.notifications.v1.NotificationSubscription> {
    const current = await this.changeable(principal, id);
    const sent = new Set(mask);
    const next: SubscriptionDoc = {
      ...current,
      ...(sent.has('name') ? { name: input.name.trim() } : {}),
      ...(sent.has('resource_type') ? { resourceType: input.resourceType as FilteredRecordType } : {}),
      ...(sent.has('filter') ? { filter: (input.filter as Filter | undefined) ?? null } : {}),
      ...(sent.has('triggers') ? { triggers: input.triggers.map(toTrigger) } : {}),
      ...(sent.has('channels') ? { channels: input.channels as Channel[] } : {}),
      ...(sent.has('enabled') ? { enabled: input.enabled } : {}),
      ...(sent.has('team_id') ? { teamId: input.teamId ?? null } : {}),
      updatedAt: new Date(),
    };
    await this.check(principal, next, sent.has('team_id') && next.teamId !== current.teamId);
    await this.repository.replace(withTriggerTypes(next));
    return toSubscription(next);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.changeable(principal, id);
    await this.repository.delete(principal.tenantId, id);
  }

  /** Every problem of a subscription, as one 422; a team named by a plain user is a 403. */
  private async check(principal: Principal, doc: SubscriptionDoc, teamChanged: boolean): Promise<void> {
    const violations: FieldViolation[] = [];
    if (doc.name.length === 0 || doc.name.length > 200) violations.push({ field: 'name', code: doc.name.length === 0 ? 'blank' : 'incorrect_value', message: 'a name of 1 to 200 characters' });
    if (!isResource(doc.resourceType)) {
      violations.push({ field: 'resource_type', code: 'incorrect_value', message: `must be one of ${FILTERED_RECORD_TYPES.join(', ')}` });
    } else {
      const kindOf = await this.fields.of(principal.tenantId, doc.resourceType);
      if (doc.filter !== null) violations.push(...validateFilter(doc.filter, kindOf));
      violations.push(...validateTriggers(doc.triggers, doc.resourceType, (f) => kindOf(f) !== undefined));
    }
    if (doc.channels.length === 0 || doc.channels.some((c) => !isChannel(c)) || new Set(doc.channels).size !== doc.channels.length) {
      violations.push({ field: 'channels', code: 'incorrect_value', message: `one or more of ${CHANNELS.join(', ')}, each once` });
    }
    if (doc.teamId !== null && teamChanged) {
      if (principal.role !== 'admin' && principal.role !== 'manager') throw NotificationsError.teamSubscriptionManagersOnly();
      if (!(await this.readModels.team(principal.tenantId, doc.teamId))) violations.push({ field: 'team_id', code: 'incorrect_value', message: `team ${doc.teamId} is not a team of this account` });
    }
    if (violations.length > 0) throw NotificationsError.invalidSubscription(violations);
  }

  private async teamOf(principal: Principal): Promise<string | null> {
    return (await this.readModels.user(principal.tenantId, principal.userId))?.teamId ?? null;
  }

  /** One the caller may read: their own, their team's, or (admins) any of the account. */
  private async visible(principal: Principal, id: string): Promise<SubscriptionDoc> {
    const doc = ID.test(id) ? await this.repository.get(principal.tenantId, id) : null;
    if (!doc) throw NotificationsError.subscriptionNotFound(id);
    if (principal.role === 'admin' || doc.creatorId === principal.userId) return doc;
    if (doc.teamId !== null && doc.teamId === (await this.teamOf(principal))) return doc;
    throw NotificationsError.subscriptionNotFound(id);
  }

  /** One the caller may change: their own, or (admins) any; a team member reading a team's gets 403. */
  private async changeable(principal: Principal, id: string): Promise<SubscriptionDoc> {
    const doc = await this.visible(principal, id);
    if (principal.role !== 'admin' && doc.creatorId !== principal.userId) throw NotificationsError.subscriptionNotYours();
    return doc;
  }
}

function toTrigger(t: crm.notifications.v1.SubscriptionTrigger): Trigger {
  return { type: t.type as TriggerType, ...(t.fields.length > 0 ? { fields: [...t.fields] } : {}) };
}

function withTriggerTypes(doc: SubscriptionDoc): SubscriptionDoc {
  return { ...doc, triggerTypes: doc.triggers.map((t) => t.type) };
}

export function toSubscription(doc: SubscriptionDoc): crm.notifications.v1.NotificationSubscription {
  return {
    id: doc._id,
    name: doc.name,
    resourceType: doc.resourceType,
    ...(doc.filter ? { filter: doc.filter as unknown as Record<string, unknown> } : {}),
    triggers: doc.triggers.map((t) => ({ type: t.type, fields: t.fields ?? [] })),
    channels: doc.channels,
    creatorId: doc.creatorId,
    ...(doc.teamId ? { teamId: doc.teamId } : {}),
    enabled: doc.enabled,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
