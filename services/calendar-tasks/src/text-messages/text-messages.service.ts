import { Inject, Injectable } from '@nestjs/common';
import { canSeeOwner, narrowOwners, type Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import { DATABASE } from '../calendar-tasks.constants';
import { CALL_RESOURCE_TYPES, type CallResourceType } from '../calls/call-rules';
import { ActivitiesError } from '../calls/activities.errors';
import { CallsRepository, TEXT_MESSAGE_SORT_COLUMNS, type TextMessageRow } from '../calls/calls.repository';
import type { Database } from '../database';

type TextMessage = crm.calendar.v1.TextMessage;

export function toTextMessage(row: TextMessageRow): TextMessage {
  return {
    id: row.id,
    userId: row.user_id,
    content: row.content,
    incoming: row.incoming,
    ...(row.resource_type && row.resource_id ? { resourceType: row.resource_type, resourceId: row.resource_id } : {}),
    ...(row.resource_phone_number ? { resourcePhoneNumber: row.resource_phone_number } : {}),
    ...(row.user_phone_number ? { userPhoneNumber: row.user_phone_number } : {}),
    associatedDealIds: row.associated_deal_ids,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Text messages, read-only: visible to whoever sees their user. */
@Injectable()
export class TextMessagesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly calls: CallsRepository,
  ) {}

  async get(principal: Principal, id: string): Promise<TextMessage> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const row = await this.calls.findTextMessage(trx, id);
      if (!row || !canSeeOwner(principal, row.user_id)) throw ActivitiesError.notFound('text_message', id);
      return toTextMessage(row);
    });
  }

  async list(principal: Principal, params: { page: number; perPage: number; ids: string[]; resourceType?: string; resourceId?: string; sort: { field: string; descending: boolean }[] }): Promise<TextMessage[]> {
    const violations: FieldViolation[] = [];
    if (params.resourceType !== undefined && !(CALL_RESOURCE_TYPES as readonly string[]).includes(params.resourceType)) violations.push({ field: 'resource_type', code: 'incorrect_value', message: 'must be lead or contact' });
    // As in Sell: a record is named by both or by neither.
    if ((params.resourceType === undefined) !== (params.resourceId === undefined)) violations.push({ field: params.resourceType === undefined ? 'resource_type' : 'resource_id', code: 'missing', message: 'resource_type and resource_id go together' });
    const sort = params.sort.map((s) => ({ column: s.field as (typeof TEXT_MESSAGE_SORT_COLUMNS)[number], descending: s.descending }));
    if (sort.some((s) => !(TEXT_MESSAGE_SORT_COLUMNS as readonly string[]).includes(s.column))) violations.push({ field: 'sort_by', code: 'incorrect_value', message: `must be one of ${TEXT_MESSAGE_SORT_COLUMNS.join(', ')}` });
    if (violations.length > 0) throw ActivitiesError.invalid('text_message', violations);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) =>
      (
        await this.calls.listTextMessages(trx, {
          ids: params.ids,
          userIds: narrowOwners(principal, []),
          ...(params.resourceType ? { resourceType: params.resourceType as CallResourceType } : {}),
          ...(params.resourceId ? { resourceId: params.resourceId } : {}),
          sort: sort.length > 0 ? sort : [{ column: 'id', descending: false }],
          limit: params.perPage,
          offset: (params.page - 1) * params.perPage,
        })
      ).map(toTextMessage),
    );
  }
}
