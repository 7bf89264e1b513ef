/** Pure rules of deal attributes: what a client may write, how it is validated and stored. */
import type { FieldViolation } from '@crm/errors';
import type { crm } from '@crm/proto';
import { applyCustomFieldInput, checkTags, CustomFieldCatalog, diffRecord, normaliseTags, type StoredValue } from '@crm/records';
import { amountText, checkCurrency, parseAmount } from '../money/money';

type DealInput = crm.deals.v1.DealInput;

/** Writable deal attributes, by their Sell names, as stored. */
export interface DealFields {
  owner_id: string;
  name: string;
  /** Exact decimal text with two places. */
  value: string;
  currency: string;
  hot: boolean;
  /** Null until the service resolves the default stage of a new deal. */
  stage_id: string | null;
  contact_id: string | null;
  source_id: string | null;
  loss_reason_id: string | null;
  unqualified_reason_id: string | null;
  /** YYYY-MM-DD. */
  estimated_close_date: string | null;
  customized_win_likelihood: number | null;
  added_at: Date | null;
  /** Null means "now" on the next stage change. */
  last_stage_change_at: Date | null;
  tags: string[];
  custom_fields: Record<string, StoredValue>;
  /** One line of text, or null. */
  next_step: string | null;
}

/** A new deal before the client's attributes apply; the currency is the service's default. */
export function emptyDeal(owner: string, currency: string): DealFields {
  return {
    owner_id: owner, name: '', value: '0.00', currency, hot: false, stage_id: null, contact_id: null, source_id: null, loss_reason_id: null,
    unqualified_reason_id: null, estimated_close_date: null, customized_win_likelihood: null, added_at: null, last_stage_change_at: null, tags: [], custom_fields: {},
    next_step: null,
  };
}

/** The longest next step, in characters (the column checks it too). */
export const MAX_NEXT_STEP = 255;

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** A date, or the date part of a date-time (Java clients send one for estimated_close_date). */
export function parseCloseDate(raw: string): string | undefined {
  const m = DATE.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/**
 * Applies the masked attributes of `input` to `current` (a masked attribute that is absent was
 * sent as null) and validates the result. Returns the new fields or every violation found.
 * References (stage, contact, source, reasons) are checked by the service.
 */
export function applyDealInput(
  current: DealFields,
  input: DealInput,
  paths: readonly string[],
  catalog: CustomFieldCatalog = CustomFieldCatalog.empty,
  options: { contactRequired?: boolean } = {},
): { fields: DealFields } | { violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const next: DealFields = { ...current, tags: [...current.tags], custom_fields: { ...current.custom_fields } };
  for (const path of paths) {
    switch (path) {
      case 'owner_id':
        if (!input.ownerId) violations.push({ field: 'owner_id', code: 'blank', message: 'cannot be empty' });
        else next.owner_id = input.ownerId;
        break;
      case 'name':
        next.name = (input.name ?? '').trim();
        break;
      case 'value': {
        // Sell clients send null for "no value"; every deal still has one.
        if (input.value === undefined) next.value = '0.00';
        else {
          const amount = parseAmount('value', input.value, violations);
          if (amount) next.value = amountText(amount);
        }
        break;
      }
      case 'currency': {
        const code = checkCurrency('currency', input.currency ?? '', violations);
        if (code) next.currency = code;
        break;
      }
      case 'hot':
        next.hot = input.hot ?? false;
        break;
      case 'stage_id':
        if (!input.stageId) violations.push({ field: 'stage_id', code: 'blank', message: 'cannot be empty' });
        else next.stage_id = input.stageId;
        break;
      case 'contact_id':
        if (!input.contactId) violations.push({ field: 'contact_id', code: 'blank', message: 'cannot be empty' });
        else next.contact_id = input.contactId;
        break;
      case 'source_id':
        next.source_id = input.sourceId ?? null;
        break;
      case 'loss_reason_id':
        next.loss_reason_id = input.lossReasonId ?? null;
        break;
      case 'unqualified_reason_id':
        next.unqualified_reason_id = input.unqualifiedReasonId ?? null;
        break;
      case 'estimated_close_date':
        if (input.estimatedCloseDate === undefined) next.estimated_close_date = null;
        else {
          const date = parseCloseDate(input.estimatedCloseDate);
          if (date) next.estimated_close_date = date;
          else violations.push({ field: 'estimated_close_date', code: 'incorrect_value', message: 'is not a date (YYYY-MM-DD)' });
        }
        break;
      case 'customized_win_likelihood': {
        const v = input.customizedWinLikelihood;
        if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 100)) violations.push({ field: 'customized_win_likelihood', code: 'incorrect_value', message: 'must be a whole percentage from 0 to 100' });
        else next.customized_win_likelihood = v ?? null;
        break;
      }
      case 'added_at':
        next.added_at = input.addedAt ?? null;
        break;
      case 'last_stage_change_at':
        next.last_stage_change_at = input.lastStageChangeAt ?? null;
        break;
      case 'tags':
        next.tags = normaliseTags(input.tags);
        break;
      case 'next_step': {
        // Blank is no next step; whitespace around the line is not kept.
        const step = input.nextStep?.trim() || null;
        if (step && [...step].length > MAX_NEXT_STEP) violations.push({ field: 'next_step', code: 'incorrect_value', message: `is longer than ${MAX_NEXT_STEP} characters` });
        else next.next_step = step;
        break;
      }
      case 'custom_fields':
        applyCustomFieldInput(next.custom_fields, input.customFields, catalog, 'deals', violations);
        break;
      default:
        violations.push({ field: path, code: 'unknown', message: 'is not a deal attribute' });
    }
  }
  if (!next.name) violations.push({ field: 'name', code: 'missing', message: 'cannot be empty' });
  else if (next.name.length > 255) violations.push({ field: 'name', code: 'incorrect_value', message: 'is longer than 255 characters' });
  // A conversion's deal gets its contact when the conversion commits.
  if (!next.contact_id && options.contactRequired !== false) violations.push({ field: 'contact_id', code: 'missing', message: 'a deal needs a contact (person or organisation)' });
  checkTags(next.tags, violations);
  return violations.length > 0 ? { violations } : { fields: next };
}

/**
 * A loss reason belongs to a lost deal and an unqualified reason to an unqualified one. A reason
 * sent for another outcome is an error; a deal leaving the outcome drops the reason it had.
 */
export function settleOutcomeReasons(fields: DealFields, category: string, paths: readonly string[]): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const rules = [
    { field: 'loss_reason_id' as const, category: 'lost' },
    { field: 'unqualified_reason_id' as const, category: 'unqualified' },
  ];
  for (const rule of rules) {
    if (category === rule.category || !fields[rule.field]) continue;
    if (paths.includes(rule.field)) violations.push({ field: rule.field, code: 'incorrect_value', message: `can only be set on a deal in a ${rule.category} stage` });
    else fields[rule.field] = null;
  }
  return violations;
}

/** The attributes that differ between two states, with the old values (for DealUpdated). */
export function diffDeal(before: DealFields, after: DealFields, catalog: CustomFieldCatalog): { changed: string[]; previous: Record<string, unknown> } {
  return diffRecord(before, after, catalog);
}
