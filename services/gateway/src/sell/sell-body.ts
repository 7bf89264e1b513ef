import { z } from 'zod';
import type { FieldViolation } from '@crm/errors';
import { SellHttpError } from './sell-error';

const envelope = z.object({ data: z.record(z.string(), z.unknown()), meta: z.record(z.string(), z.unknown()).optional() });

/** Unwraps `{"data": {...}}` (a `meta` sibling is allowed) and validates `data` with `schema`. */
export function parseSellBody<S extends z.ZodType>(body: unknown, schema: S, resource: string): z.infer<S> {
  const outer = envelope.safeParse(body);
  if (!outer.success) throw SellHttpError.invalidPayload('the body must be a JSON object of the form {"data": {...}}');
  // With the input reported, an absent attribute (no input) is told apart from one of the wrong type.
  const inner = schema.safeParse(outer.data.data, { reportInput: true });
  if (!inner.success) throw SellHttpError.resource(resource, inner.error.issues.flatMap(toViolations));
  return inner.data;
}

function toViolations(issue: z.core.$ZodIssue): FieldViolation[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ field: path ? `${path}.${k}` : k, code: 'unknown', message: 'is not a known attribute' }));
  }
  // JSON has no undefined: an undefined input is an attribute that was not sent.
  if (issue.code === 'invalid_type') return issue.input === undefined ? [{ field: path, code: 'missing', message: 'is required' }] : [{ field: path, code: 'invalid_type', message: `must be ${article(issue.expected)}` }];
  return [{ field: path, code: 'incorrect_value', message: humanMessage(issue) }];
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** What a person reads about a value the schema refused; the schema library's own wording is for developers. */
function humanMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters long`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} items`;
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return 'is not in the expected format';
    case 'invalid_union':
      return 'is not a valid value for this attribute';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'custom':
      return issue.message;
    default:
      return 'is not a valid value';
  }
}

export const sellId = z
  .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9][0-9]{0,15}$/)])
  .transform((v) => String(v));

/** An optional reference to another record: Sell's Java client sends 0 for "none", which means what null means. */
export const sellOptionalRef = z
  .union([z.literal(0), z.literal('0'), sellId])
  .nullable()
  .transform((v) => (v === 0 || v === '0' ? null : v))
  .optional();

/** An integer that fits the contracts' int32 fields; anything wider is a 422, never a failed call. */
export const int32 = z.number().int().min(-2_147_483_648).max(2_147_483_647);

/** A percentage such as a stage's or a deal's win likelihood. */
export const percentage = z.number().int().min(0).max(100);

/** A decimal as clients send it: a JSON number or a numeric string (parsed exactly by the owning service). */
export const sellDecimal = z.union([z.number(), z.string().max(40)]).transform((v) => String(v));

/**
 * A client date-time: ISO 8601 with or without milliseconds and offset (Java sends `.000Z`, PHP
 * `+0000` without a colon); a value without a zone is UTC.
 */
export const sellDateTime = z.string().transform((v, ctx) => {
  const text = v.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(text);
  const date = valid ? new Date(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date-time' });
    return z.NEVER;
  }
  return date;
});

const PATH_ID = /^[1-9][0-9]{0,15}$/;

/** An id from the URL path; anything else cannot name a record, so it is 404 like an unknown id. */
export function pathId(raw: string, resource: string): string {
  if (!PATH_ID.test(raw)) throw SellHttpError.notFound(resource);
  return raw;
}
