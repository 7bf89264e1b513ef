import type { FieldViolation } from '@crm/errors';

/**
 * The record an activity is on after a change: type and id go together (both or neither), and the
 * type is one the activity may be on. A violation leaves the record as it was.
 */
export function applyRecordChange<T extends string>(
  before: { resource_type: T | null; resource_id: string | null },
  changes: { resource_type?: string | null; resource_id?: string | null },
  types: readonly T[],
): { resource_type: T | null; resource_id: string | null; violation?: FieldViolation } {
  if (!('resource_type' in changes) && !('resource_id' in changes)) return before;
  const type = 'resource_type' in changes ? (changes.resource_type ?? null) : before.resource_type;
  const id = 'resource_id' in changes ? (changes.resource_id ?? null) : before.resource_id;
  if (type !== null && !(types as readonly string[]).includes(type)) {
    return { ...before, violation: { field: 'resource_type', code: 'incorrect_value', message: `must be ${types.join(', ')} or null` } };
  }
  if ((type === null) !== (id === null)) {
    return { ...before, violation: { field: type === null ? 'resource_type' : 'resource_id', code: 'missing', message: 'resource_type and resource_id go together' } };
  }
  return { resource_type: type as T | null, resource_id: id };
}

/** A violation unless the date-time lies between the years 1900 and 9999 (what the API accepts and stores). */
export function checkYearRange(field: string, at: Date | null | undefined): FieldViolation[] {
  const year = at?.getUTCFullYear();
  return year !== undefined && (year < 1900 || year > 9999) ? [{ field, code: 'incorrect_value', message: 'must be a date-time between the years 1900 and 9999' }] : [];
}
