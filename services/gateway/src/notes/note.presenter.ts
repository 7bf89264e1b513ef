import type { crm } from '@crm/proto';
import { sellIdOrNull, sellTime } from '../sell/sell-record';

/** A note in Sell's shape. */
export function presentNote(n: crm.common.v1.Note) {
  return {
    id: Number(n.id),
    creator_id: sellIdOrNull(n.creatorId),
    resource_type: n.resourceType,
    resource_id: Number(n.resourceId),
    content: n.content,
    is_important: n.isImportant,
    tags: n.tags,
    created_at: sellTime(n.createdAt),
    updated_at: sellTime(n.updatedAt),
  };
}
