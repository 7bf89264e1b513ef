import type { FieldViolation } from '@crm/errors';
import type { FilteredRecordType } from '@crm/conditions';

export const TRIGGER_TYPES = ['record_created', 'stage_changed', 'status_changed', 'task_added', 'note_added', 'field_changed'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export interface Trigger {
  type: TriggerType;
  /** field_changed: the fields whose change counts (default and custom names, as in filters). */
  fields?: string[];
}

/** Which triggers a record type has: stages are deals', statuses leads' and contacts' (customer status). */
const TRIGGERS_OF: Record<FilteredRecordType, readonly TriggerType[]> = {
  lead: ['record_created', 'status_changed', 'task_added', 'note_added', 'field_changed'],
  contact: ['record_created', 'status_changed', 'task_added', 'note_added', 'field_changed'],
  deal: ['record_created', 'stage_changed', 'task_added', 'note_added', 'field_changed'],
};

/** The field a status change of a record type is a change of. */
export const STATUS_FIELD: Record<'lead' | 'contact', string> = { lead: 'status', contact: 'customer_status' };

export function validateTriggers(triggers: readonly Trigger[], resource: FilteredRecordType, isField: (name: string) => boolean): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (triggers.length === 0) violations.push({ field: 'triggers', code: 'missing', message: 'at least one trigger' });
  const seen = new Set<string>();
  triggers.forEach((t, i) => {
    const at = `triggers/${i}`;
    if (!(TRIGGER_TYPES as readonly string[]).includes(t.type)) return void violations.push({ field: `${at}/type`, code: 'incorrect_value', message: `must be one of ${TRIGGER_TYPES.join(', ')}` });
    if (!TRIGGERS_OF[resource].includes(t.type)) return void violations.push({ field: `${at}/type`, code: 'incorrect_value', message: `${t.type} does not apply to ${resource}s` });
    if (seen.has(t.type)) violations.push({ field: `${at}/type`, code: 'incorrect_value', message: `${t.type} is given twice` });
    seen.add(t.type);
    const fields = t.fields ?? [];
    if (t.type === 'field_changed') {
      if (fields.length === 0 || fields.length > 50) violations.push({ field: `${at}/fields`, code: 'missing', message: 'field_changed names 1 to 50 fields' });
      fields.forEach((f, j) => {
        if (!isField(f)) violations.push({ field: `${at}/fields/${j}`, code: 'unknown', message: `${f} is not a field of ${resource}s` });
      });
    } else if (fields.length > 0) {
      violations.push({ field: `${at}/fields`, code: 'incorrect_value', message: 'only field_changed names fields' });
    }
  });
  return violations;
}
