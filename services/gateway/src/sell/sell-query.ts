import { SellHttpError } from './sell-error';

export type RawQuery = Record<string, string | string[] | undefined>;

const ID = /^[1-9][0-9]{0,17}$/;

/**
 * Reads a Sell list query strictly: unknown parameters, repeated parameters and malformed values
 * are 400 invalid_param with one error, as Sell clients expect.
 */
export class SellQuery {
  private readonly used = new Set<string>();

  constructor(private readonly raw: RawQuery) {}

  /** Rejects every parameter not read so far. Call after reading all known ones. */
  assertNoUnknown(): void {
    for (const key of Object.keys(this.raw)) {
      if (!this.used.has(key)) throw SellHttpError.invalidParam(key, `'${key}' is an unexpected parameter`);
    }
  }

  string(name: string): string | undefined {
    this.used.add(name);
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (Array.isArray(v)) throw SellHttpError.invalidParam(name, `'${name}' is given more than once`);
    return v;
  }

  /** One of a fixed set of words, compared case-insensitively; answers the word as listed. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const found = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (found === undefined) throw SellHttpError.invalidParam(name, `must be one of ${allowed.join(', ')}, given: ${v}`);
    return found;
  }

  /** A calendar date, YYYY-MM-DD. */
  date(name: string): string | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const [year, month, day] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)?.slice(1).map(Number) ?? [];
    const valid = year !== undefined && month !== undefined && day !== undefined && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month >= 1 && month <= 12;
    if (!valid) throw SellHttpError.invalidParam(name, `must be a date of the form YYYY-MM-DD, given: ${v}`);
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false') throw SellHttpError.invalidParam(name, `must be true or false, given: ${v}`);
    return v === 'true';
  }

  /** An ISO 8601 date or date-time; a bare date means midnight UTC. */
  time(name: string): Date | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const d = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ? new Date(/T/.test(v) && !/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? `${v}Z` : v) : undefined;
    if (!d || Number.isNaN(d.getTime())) throw SellHttpError.invalidParam(name, `must be an ISO 8601 date or date-time, given: ${v}`);
    return d;
  }

  id(name: string): string | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!ID.test(v)) throw SellHttpError.invalidParam(name, `must be a positive integer, given: ${v}`);
    return v;
  }

  ids(name: string): string[] | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const ids = v.split(',').map((s) => s.trim());
    if (ids.length > 1000 || !ids.every((i) => ID.test(i))) throw SellHttpError.invalidParam(name, `must be a comma-separated list of up to 1000 positive integers, given: ${v.slice(0, 100)}`);
    return [...new Set(ids)];
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const v = this.string(name);
    if (v === undefined) return fallback;
    const n = /^-?[0-9]+$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw SellHttpError.invalidParam(name, `must be between ${min} and ${max}, given: ${v}`);
    return n;
  }

  /** Sell paging: `page` from 1, `per_page` from 1 to 100 (default 25). */
  paging(): { page: number; perPage: number } {
    return { page: this.int('page', 1, 100_000, 1), perPage: this.int('per_page', 1, 100, 25) };
  }

  /** Parameters named `<prefix>[<key>]` (e.g. `custom_fields[Budget]`), as key/value pairs. */
  bracketed(prefix: string): { key: string; value: string }[] {
    const out: { key: string; value: string }[] = [];
    for (const k of Object.keys(this.raw)) {
      const m = new RegExp(`^${prefix}\\[(.+)\\]$`).exec(k);
      if (m) out.push({ key: m[1]!, value: this.string(k)! });
    }
    return out;
  }

  /**
   * `field[:asc|:desc]`, comma-separated. With `customFieldPrefix`, `custom_fields:<name>[:dir]`
   * sorts by a custom field and comes back as field `custom_fields.<name>`.
   */
  sort(name: string, allowed: readonly string[], customFieldPrefix?: string): { field: string; descending: boolean }[] {
    const v = this.string(name);
    if (v === undefined) return [];
    return v.split(',').map((part) => {
      if (customFieldPrefix && part.trim().startsWith(`${customFieldPrefix}:`)) {
        const rest = part.trim().slice(customFieldPrefix.length + 1);
        const m = /^(.*?)(?::(asc|desc))?$/.exec(rest)!;
        if (!m[1]) throw SellHttpError.invalidParam(name, `${customFieldPrefix}: needs a field name, given: ${part}`);
        return { field: `${customFieldPrefix}.${m[1]}`, descending: m[2] === 'desc' };
      }
      const [field, direction = 'asc', extra] = part.trim().split(':');
      if (!field || !allowed.includes(field) || extra !== undefined || (direction !== 'asc' && direction !== 'desc')) {
        throw SellHttpError.invalidParam(name, `must be one of ${allowed.join(', ')} with an optional :asc or :desc, given: ${part}`);
      }
      return { field, descending: direction === 'desc' };
    });
  }

  /** The parameters read, in a stable order, for building page links. */
  normalised(): URLSearchParams {
    const q = new URLSearchParams();
    for (const key of [...this.used].sort()) {
      const v = this.raw[key];
      if (typeof v === 'string' && key !== 'page' && key !== 'per_page') q.set(key, v);
    }
    return q;
  }
}
