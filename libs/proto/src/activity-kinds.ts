/**
 * The kinds of activity the notifications service records: the values of `kind` in its Activity
 * messages and of the kinds a ListActivities request filters on. Strings in the contract (not a
 * proto enum) because the API shows them as they are.
 */
export const ACTIVITY_KINDS = [
  'lead_added',
  'contact_added',
  'deal_added',
  'note_added',
  'task_added',
  'task_completed',
  'lead_status_changed',
  'deal_stage_changed',
  'call_logged',
  'appointment_booked',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
