import type { crm } from '@crm/proto';
import { sellTime } from '../../../sell/sell-record';

/** A task as Sell shows it, with the reminder preset it follows (`reminder`, null for none or an absolute time). */
export function presentTask(t: crm.calendar.v1.Task) {
  return {
    id: Number(t.id),
    creator_id: Number(t.creatorId),
    owner_id: Number(t.ownerId),
    resource_type: t.resourceType ?? null,
    resource_id: t.resourceId === undefined ? null : Number(t.resourceId),
    completed: t.completed,
    completed_at: sellTime(t.completedAt),
    due_date: sellTime(t.dueDate),
    overdue: t.overdue,
    remind_at: sellTime(t.remindAt),
    reminder: t.reminder ?? null,
    content: t.content,
    created_at: sellTime(t.createdAt),
    updated_at: sellTime(t.updatedAt),
  };
}
