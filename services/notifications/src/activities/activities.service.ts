import { Injectable } from '@nestjs/common';
import { narrowOwners, type Principal } from '@crm/auth';
import type { FieldViolation } from '@crm/errors';
import { ACTIVITY_KINDS, type ActivityKind, type crm } from '@crm/proto';
import { NotificationsError } from '../notifications.errors';
import { ActivitiesRepository, type ActivityQuery } from './activities.repository';
import type { ActivityDoc, ActivityRecordType } from './activity.model';

const MAX_PAGE = 100;
const RECORD_TYPES: readonly string[] = ['lead', 'contact', 'deal'];
const isKind = (k: string): k is ActivityKind => (ACTIVITY_KINDS as readonly string[]).includes(k);

/** The account's activity stream as the caller may see it: by the current owner of each activity's record. */
@Injectable()
export class ActivitiesService {
  constructor(private readonly repository: ActivitiesRepository) {}

  async list(principal: Principal, request: crm.notifications.v1.ListActivitiesRequest): Promise<crm.notifications.v1.ListActivitiesResponse> {
    const violations: FieldViolation[] = [];
    const unknownKind = request.kinds.find((k) => !isKind(k));
    if (unknownKind !== undefined) violations.push({ field: 'kind', code: 'incorrect_value', message: `must be one of ${ACTIVITY_KINDS.join(', ')} (got ${unknownKind})` });
    const wantsRecord = !!request.resourceType || (!!request.resourceId && request.resourceId !== '0');
    if (wantsRecord && (!RECORD_TYPES.includes(request.resourceType) || !request.resourceId || request.resourceId === '0')) {
      violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'resource_type (lead, contact or deal) and resource_id go together' });
    }
    if (request.from && request.to && request.from >= request.to) violations.push({ field: 'from', code: 'incorrect_value', message: 'must be before to' });
    if (violations.length > 0) throw NotificationsError.invalidActivityQuery(violations);

    const ownerIds = narrowOwners(principal, request.ownerIds);
    if (ownerIds !== 'all' && ownerIds.length === 0) return { activities: [], more: false };
    const limit = Math.min(Math.max(request.limit || 25, 1), MAX_PAGE);
    const query: ActivityQuery = {
      ownerIds,
      kinds: request.kinds.filter(isKind),
      actorIds: request.actorIds,
      limit: limit + 1,
      ...(wantsRecord ? { record: { type: request.resourceType as ActivityRecordType, id: request.resourceId } } : {}),
      ...(request.from ? { from: request.from } : {}),
      ...(request.to ? { to: request.to } : {}),
      ...(request.beforeId ? { beforeId: request.beforeId } : {}),
    };
    const docs = await this.repository.page(principal.tenantId, query);
    return { activities: docs.slice(0, limit).map(toActivity), more: docs.length > limit };
  }
}

function toActivity(doc: ActivityDoc): crm.notifications.v1.Activity {
  return {
    id: doc._id,
    kind: doc.kind,
    ...(doc.actorId ? { actorId: doc.actorId } : {}),
    ...(doc.recordType && doc.recordId ? { resourceType: doc.recordType, resourceId: doc.recordId } : {}),
    resourceName: doc.recordName,
    ...(doc.itemType && doc.itemId ? { itemType: doc.itemType, itemId: doc.itemId } : {}),
    ownerId: doc.ownerId,
    summary: doc.summary,
    details: doc.details,
    occurredAt: doc.occurredAt,
  };
}
