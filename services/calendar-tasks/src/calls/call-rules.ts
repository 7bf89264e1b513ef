import type { FieldViolation } from '@crm/errors';
import { applyRecordChange, checkYearRange } from '../records/record-rules';

export const CALL_RESOURCE_TYPES = ['lead', 'contact'] as const;
export type CallResourceType = (typeof CALL_RESOURCE_TYPES)[number];

/** A call as stored, the attributes its rules govern. */
export interface CallState {
  user_id: string;
  summary: string;
  recording_url: string | null;
  outcome_id: string | null;
  duration: number;
  phone_number: string | null;
  incoming: boolean;
  missed: boolean;
  resource_type: CallResourceType | null;
  resource_id: string | null;
  associated_deal_ids: string[];
  made_at: Date;
  external_id: string | null;
}

/** What a request asks to change: a key present with null clears the attribute. */
export type CallChanges = { [K in keyof CallState]?: (K extends 'resource_type' ? string : CallState[K]) | null };

const MAX_SUMMARY = 10_000;

/**
 * The call after the changes, or the violations that refuse them: a summary of at most 10,000
 * characters, a duration of 0 to 86,400 seconds, an http(s) recording URL, a record given by type
 * and id together, at most 100 associated deals, and a call made between 1900 and 9999.
 */
export function applyCallChanges(before: CallState, changes: CallChanges): { state: CallState; violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const state: CallState = { ...before, associated_deal_ids: [...before.associated_deal_ids] };
  if ('user_id' in changes && changes.user_id) state.user_id = changes.user_id;
  if ('summary' in changes) {
    state.summary = (changes.summary ?? '').trim();
    if (state.summary.length > MAX_SUMMARY) violations.push({ field: 'summary', code: 'incorrect_value', message: `is longer than ${MAX_SUMMARY} characters` });
  }
  if ('recording_url' in changes) {
    state.recording_url = changes.recording_url?.trim() || null;
    if (state.recording_url !== null && (!/^https?:\/\/\S+$/i.test(state.recording_url) || state.recording_url.length > 2048)) {
      violations.push({ field: 'recording_url', code: 'incorrect_value', message: 'must be an http or https URL of at most 2048 characters' });
    }
  }
  if ('outcome_id' in changes) state.outcome_id = changes.outcome_id ?? null;
  if ('duration' in changes) {
    state.duration = changes.duration ?? 0;
    if (!Number.isInteger(state.duration) || state.duration < 0 || state.duration > 86_400) violations.push({ field: 'duration', code: 'incorrect_value', message: 'must be whole seconds from 0 to 86400' });
  }
  if ('phone_number' in changes) {
    state.phone_number = changes.phone_number?.trim() || null;
    if (state.phone_number !== null && state.phone_number.length > 64) violations.push({ field: 'phone_number', code: 'incorrect_value', message: 'is longer than 64 characters' });
  }
  if ('incoming' in changes) state.incoming = changes.incoming ?? false;
  if ('missed' in changes) state.missed = changes.missed ?? false;
  if ('associated_deal_ids' in changes) {
    state.associated_deal_ids = [...new Set(changes.associated_deal_ids ?? [])];
    if (state.associated_deal_ids.length > 100) violations.push({ field: 'associated_deal_ids', code: 'incorrect_value', message: 'holds at most 100 deals' });
  }
  if ('made_at' in changes) {
    state.made_at = changes.made_at ?? new Date();
    violations.push(...checkYearRange('made_at', state.made_at));
  }
  if ('external_id' in changes) {
    state.external_id = changes.external_id?.trim() || null;
    if (state.external_id !== null && state.external_id.length > 255) violations.push({ field: 'external_id', code: 'incorrect_value', message: 'is longer than 255 characters' });
  }
  const record = applyRecordChange(before, changes, CALL_RESOURCE_TYPES);
  if (record.violation) violations.push(record.violation);
  state.resource_type = record.resource_type;
  state.resource_id = record.resource_id;
  return { state, violations };
}

/** The attributes whose values differ, by their API names. */
export function changedCallFields(before: CallState, after: CallState): string[] {
  const same = (a: unknown, b: unknown) =>
    a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : Array.isArray(a) && Array.isArray(b) ? a.join(',') === b.join(',') : a === b;
  return (Object.keys(after) as (keyof CallState)[]).filter((k) => !same(before[k], after[k]));
}
