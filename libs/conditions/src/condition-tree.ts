import type { FieldViolation } from '@crm/errors';
import type { FieldKind, RecordFields } from './record-fields';

/**
 * A filter over a record's fields (a notification subscription's, an automation rule's, a webhook's):
 * a small typed tree. A group holds conditions or groups (`all`: every one, `any`: at least one,
 * `not`: the one it holds is false); a condition compares one field.
 */
export type Filter = { all: Filter[] } | { any: Filter[] } | { not: Filter } | Condition;
export interface Condition {
  field: string;
  op: Operator;
  value?: unknown;
}

export const OPERATORS = ['eq', 'ne', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'contains', 'starts_with', 'contains_any', 'contains_all', 'is_set', 'is_not_set'] as const;
export type Operator = (typeof OPERATORS)[number];

const OPERATORS_OF: Record<FieldKind, readonly Operator[]> = {
  id: ['eq', 'ne', 'in', 'not_in', 'is_set', 'is_not_set'],
  text: ['eq', 'ne', 'in', 'not_in', 'contains', 'starts_with', 'is_set', 'is_not_set'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set'],
  bool: ['eq', 'is_set', 'is_not_set'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set'],
  list: ['contains', 'contains_any', 'contains_all', 'is_set', 'is_not_set'],
};

const MAX_DEPTH = 5;
const MAX_CONDITIONS = 50;
const MAX_VALUES = 500;
const ID = /^[1-9][0-9]{0,17}$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether one value fits a field of `kind` (ids as integers or their decimal strings). */
function fits(kind: FieldKind, v: unknown): boolean {
  switch (kind) {
    case 'id':
      return (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) || (typeof v === 'string' && ID.test(v));
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'bool':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v));
    case 'text':
    case 'list':
      return typeof v === 'string' && v.length <= 1_000;
  }
}

const LIST_OPERATORS: readonly Operator[] = ['in', 'not_in', 'contains_any', 'contains_all'];

/**
 * Every problem of a filter, each at its path (`filter/all/0/field`): an unknown field, an operator
 * that does not apply to the field's type, a value of the wrong type, too deep or too large a tree.
 */
export function validateFilter(filter: unknown, fields: (name: string) => FieldKind | undefined, path = 'filter'): FieldViolation[] {
  const violations: FieldViolation[] = [];
  let conditions = 0;
  const visit = (node: unknown, at: string, depth: number): void => {
    if (!isObject(node)) return void violations.push({ field: at, code: 'invalid_type', message: 'must be an object: a group (all, any, not) or a condition (field, op, value)' });
    if (depth > MAX_DEPTH) return void violations.push({ field: at, code: 'incorrect_value', message: `groups nest at most ${MAX_DEPTH} deep` });
    const keys = Object.keys(node);
    const group = keys.find((k) => k === 'all' || k === 'any' || k === 'not');
    if (group) {
      if (keys.length !== 1) return void violations.push({ field: at, code: 'incorrect_value', message: `a group has only its ${group}` });
      if (group === 'not') return visit(node.not, `${at}/not`, depth + 1);
      const members = node[group];
      if (!Array.isArray(members) || members.length === 0) return void violations.push({ field: `${at}/${group}`, code: 'invalid_type', message: 'must be a non-empty list' });
      members.forEach((m, i) => visit(m, `${at}/${group}/${i}`, depth + 1));
      return;
    }
    if (++conditions > MAX_CONDITIONS) return void violations.push({ field: at, code: 'incorrect_value', message: `a filter holds at most ${MAX_CONDITIONS} conditions` });
    const unknownKey = keys.find((k) => k !== 'field' && k !== 'op' && k !== 'value');
    if (unknownKey) return void violations.push({ field: `${at}/${unknownKey}`, code: 'unknown', message: 'a condition has field, op and value' });
    if (typeof node.field !== 'string') return void violations.push({ field: `${at}/field`, code: 'missing', message: 'names the field to compare' });
    const kind = fields(node.field);
    if (!kind) return void violations.push({ field: `${at}/field`, code: 'unknown', message: `${node.field} is not a field of this record type` });
    const op = node.op as Operator;
    if (!OPERATORS_OF[kind].includes(op)) return void violations.push({ field: `${at}/op`, code: 'incorrect_value', message: `must be one of ${OPERATORS_OF[kind].join(', ')} for ${node.field}` });
    if (op === 'is_set' || op === 'is_not_set') {
      if (node.value !== undefined) violations.push({ field: `${at}/value`, code: 'incorrect_value', message: `${op} takes no value` });
      return;
    }
    const valueKind: FieldKind = kind === 'list' ? 'text' : kind;
    if (LIST_OPERATORS.includes(op)) {
      const ok = Array.isArray(node.value) && node.value.length > 0 && node.value.length <= MAX_VALUES && node.value.every((v) => fits(valueKind, v));
      if (!ok) violations.push({ field: `${at}/value`, code: 'invalid_type', message: `must be a list of 1 to ${MAX_VALUES} values of the type of ${node.field} (${valueKind})` });
    } else if (!fits(valueKind, node.value)) {
      violations.push({ field: `${at}/value`, code: 'invalid_type', message: `must be a value of the type of ${node.field} (${valueKind})` });
    }
  };
  visit(filter, path, 1);
  return violations;
}

/** Values compare as text, case-insensitively (ids as numbers or strings alike). */
const asKey = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : String(v));
const isSet = (v: unknown) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

function compare(kind: FieldKind | undefined, actual: unknown, expected: unknown): number | undefined {
  if (!isSet(actual)) return undefined;
  if (kind === 'date') {
    const a = Date.parse(String(actual));
    const b = Date.parse(String(expected));
    return Number.isNaN(a) || Number.isNaN(b) ? undefined : a - b;
  }
  const a = Number(actual);
  const b = Number(expected);
  return Number.isNaN(a) || Number.isNaN(b) ? undefined : a - b;
}

/** Whether a record's fields match a (validated) filter; a missing filter matches every record. */
export function matches(filter: Filter | null | undefined, record: RecordFields, kindOf: (name: string) => FieldKind | undefined): boolean {
  if (!filter) return true;
  if ('all' in filter) return filter.all.every((f) => matches(f, record, kindOf));
  if ('any' in filter) return filter.any.some((f) => matches(f, record, kindOf));
  if ('not' in filter) return !matches(filter.not, record, kindOf);
  const kind = kindOf(filter.field);
  const actual = record[filter.field];
  const value = filter.value;
  const list = Array.isArray(actual) ? actual.map(asKey) : [];
  const wanted = Array.isArray(value) ? value.map(asKey) : [];
  const ordered = (holds: (c: number) => boolean) => {
    const c = compare(kind, actual, value);
    return c !== undefined && holds(c);
  };
  switch (filter.op) {
    case 'is_set':
      return isSet(actual);
    case 'is_not_set':
      return !isSet(actual);
    case 'eq':
      return isSet(actual) && (kind === 'date' ? compare(kind, actual, value) === 0 : asKey(actual) === asKey(value));
    case 'ne':
      return !isSet(actual) || asKey(actual) !== asKey(value);
    case 'in':
      return isSet(actual) && wanted.includes(asKey(actual));
    case 'not_in':
      return !isSet(actual) || !wanted.includes(asKey(actual));
    case 'gt':
      return ordered((c) => c > 0);
    case 'gte':
      return ordered((c) => c >= 0);
    case 'lt':
      return ordered((c) => c < 0);
    case 'lte':
      return ordered((c) => c <= 0);
    case 'contains':
      return kind === 'list' ? list.includes(asKey(value)) : typeof actual === 'string' && actual.toLowerCase().includes(asKey(value));
    case 'starts_with':
      return typeof actual === 'string' && actual.toLowerCase().startsWith(asKey(value));
    case 'contains_any':
      return wanted.some((w) => list.includes(w));
    case 'contains_all':
      return wanted.every((w) => list.includes(w));
  }
}
