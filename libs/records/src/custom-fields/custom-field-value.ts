/** Pure rules of custom field values: validation, canonical storage, presentation and indexing. */

export const CUSTOM_FIELD_TYPES = ['string', 'text', 'number', 'bool', 'list', 'multi_select_list', 'date', 'datetime', 'email', 'phone', 'address', 'url'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldChoice {
  id: number;
  name: string;
}

export interface CustomFieldDef {
  id: string;
  name: string;
  type: CustomFieldType;
  choices: CustomFieldChoice[];
  /** Contact fields: whether the field applies to organisations and to people. */
  forCompany?: boolean;
  forContact?: boolean;
}

export interface AddressValue {
  line1?: string;
  city?: string;
  postal_code?: string;
  state?: string;
  country?: string;
}

/** What a record stores for one field (jsonb). */
export type StoredValue = string | boolean | number | number[] | AddressValue;

/** One row of custom_field_values for filtering and sorting. */
export interface IndexedValue {
  value_text: string | null;
  value_number: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().\-/]{3,32}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ADDRESS_KEYS = ['line1', 'city', 'postal_code', 'state', 'country'] as const;
const MAX_NUMBER_DIGITS = 30;

type Result = { value: StoredValue } | { error: string; code: 'invalid_type' | 'incorrect_value' };
const bad = (error: string, code: 'invalid_type' | 'incorrect_value' = 'incorrect_value'): Result => ({ error, code });

/** Validates a client value for a field and returns its canonical stored form. */
export function normaliseValue(def: CustomFieldDef, raw: unknown): Result {
  switch (def.type) {
    case 'string':
    case 'text': {
      if (typeof raw !== 'string') return bad('must be a string', 'invalid_type');
      const max = def.type === 'string' ? 255 : 65_535;
      return raw.length > max ? bad(`is longer than ${max} characters`) : { value: raw };
    }
    case 'email':
      if (typeof raw !== 'string') return bad('must be a string', 'invalid_type');
      return EMAIL.test(raw.trim()) && raw.length <= 255 ? { value: raw.trim() } : bad('is not an email address');
    case 'phone':
      if (typeof raw !== 'string') return bad('must be a string', 'invalid_type');
      return PHONE.test(raw.trim()) ? { value: raw.trim() } : bad('is not a phone number');
    case 'url': {
      if (typeof raw !== 'string') return bad('must be a string', 'invalid_type');
      const t = raw.trim();
      try {
        const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`);
        return ['http:', 'https:'].includes(u.protocol) && u.hostname.includes('.') && t.length <= 2048 ? { value: t } : bad('is not a web address');
      } catch {
        return bad('is not a web address');
      }
    }
    case 'number': {
      const text = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : '') : typeof raw === 'string' ? raw.trim() : undefined;
      if (text === undefined) return bad('must be a number', 'invalid_type');
      if (!/^-?\d+(\.\d+)?$/.test(text) || text.replace(/[-.]/g, '').length > MAX_NUMBER_DIGITS) return bad('is not a decimal number');
      return { value: canonicalDecimal(text) };
    }
    case 'bool':
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return bad('must be true or false', 'invalid_type');
    case 'date': {
      if (typeof raw !== 'string') return bad('must be a date string', 'invalid_type');
      const d = parseDate(raw.trim());
      return d ? { value: d } : bad('is not a date (YYYY-MM-DD)');
    }
    case 'datetime': {
      if (typeof raw !== 'string') return bad('must be a date-time string', 'invalid_type');
      const d = parseDateTime(raw.trim());
      return d ? { value: d } : bad('is not a date-time (YYYY-MM-DDTHH:MM:SS)');
    }
    case 'list': {
      const choice = findChoice(def, raw);
      return choice ? { value: choice.id } : bad(`must be one of the field's options`);
    }
    case 'multi_select_list': {
      if (!Array.isArray(raw)) return bad('must be an array of options', 'invalid_type');
      const ids: number[] = [];
      for (const item of raw) {
        const choice = findChoice(def, item);
        if (!choice) return bad(`${JSON.stringify(item)} is not one of the field's options`);
        if (!ids.includes(choice.id)) ids.push(choice.id);
      }
      return { value: ids };
    }
    case 'address': {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('must be an address object', 'invalid_type');
      const address: AddressValue = {};
      for (const [k, v] of Object.entries(raw)) {
        if (!(ADDRESS_KEYS as readonly string[]).includes(k)) return bad(`has an unknown part ${k}`);
        if (v === null) continue;
        if (typeof v !== 'string' || v.length > 255) return bad(`${k} must be a string of up to 255 characters`, 'invalid_type');
        address[k as keyof AddressValue] = v;
      }
      return { value: address };
    }
  }
}

/** The value as API clients read it (options by name, numbers as decimal strings). */
export function presentValue(def: CustomFieldDef, stored: StoredValue): unknown {
  switch (def.type) {
    case 'list':
      return def.choices.find((c) => c.id === stored)?.name ?? null;
    case 'multi_select_list':
      return (stored as number[]).map((id) => def.choices.find((c) => c.id === id)?.name).filter((n): n is string => n !== undefined);
    case 'address':
      return Object.fromEntries(ADDRESS_KEYS.map((k) => [k, (stored as AddressValue)[k] ?? null]));
    default:
      return stored;
  }
}

/** The rows that make a stored value filterable and sortable. */
export function indexValue(def: CustomFieldDef, stored: StoredValue): IndexedValue[] {
  switch (def.type) {
    case 'number':
      return [{ value_text: null, value_number: stored as string }];
    case 'list':
      return [{ value_text: null, value_number: String(stored) }];
    case 'multi_select_list':
      return (stored as number[]).map((id) => ({ value_text: null, value_number: String(id) }));
    case 'bool':
      return [{ value_text: String(stored), value_number: null }];
    case 'address': {
      const a = stored as AddressValue;
      return [{ value_text: ADDRESS_KEYS.map((k) => a[k]).filter(Boolean).join(', ') || null, value_number: null }];
    }
    default:
      return [{ value_text: String(stored), value_number: null }];
  }
}

/** Turns a filter value from a query string into the indexed value it must equal. */
export function filterValue(def: CustomFieldDef, raw: string): { column: 'text' | 'number'; value: string } | { error: string } {
  switch (def.type) {
    case 'list':
    case 'multi_select_list': {
      const choice = findChoice(def, raw);
      return choice ? { column: 'number', value: String(choice.id) } : { error: `is not one of the field's options` };
    }
    case 'number':
    case 'bool':
    case 'date':
    case 'datetime': {
      const r = normaliseValue(def, def.type === 'bool' || def.type === 'number' ? raw : raw);
      if ('error' in r) return { error: r.error };
      const [row] = indexValue(def, r.value);
      return row!.value_number !== null ? { column: 'number', value: row!.value_number } : { column: 'text', value: row!.value_text! };
    }
    default:
      return { column: 'text', value: raw };
  }
}

/** Whether sorting by the field is meaningful (one value per record). */
export function isSortable(def: CustomFieldDef): boolean {
  return def.type !== 'multi_select_list' && def.type !== 'address';
}

export function sortColumn(def: CustomFieldDef): 'text' | 'number' {
  return def.type === 'number' || def.type === 'list' ? 'number' : 'text';
}

function findChoice(def: CustomFieldDef, raw: unknown): CustomFieldChoice | undefined {
  if (typeof raw === 'number') return def.choices.find((c) => c.id === raw);
  if (typeof raw === 'string') {
    const t = raw.trim().toLowerCase();
    return def.choices.find((c) => c.name.toLowerCase() === t) ?? (/^\d+$/.test(t) ? def.choices.find((c) => c.id === Number(t)) : undefined);
  }
  if (typeof raw === 'object' && raw !== null) {
    const o = raw as { id?: unknown; name?: unknown };
    return findChoice(def, o.id ?? o.name);
  }
  return undefined;
}

function canonicalDecimal(text: string): string {
  let [int, frac = ''] = text.replace(/^-/, '').split('.');
  int = int!.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const sign = text.startsWith('-') && (int !== '0' || frac !== '') ? '-' : '';
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseDate(raw: string): string | undefined {
  const iso = DATE.exec(raw) ?? DATE.exec(raw.slice(0, 10));
  if (iso && (raw.length === 10 || DATETIME.test(raw))) {
    return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ? `${iso[1]}-${iso[2]}-${iso[3]}` : undefined;
  }
  const us = US_DATE.exec(raw);
  if (us && validDate(Number(us[3]), Number(us[1]), Number(us[2]))) return `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  return undefined;
}

function parseDateTime(raw: string): string | undefined {
  const m = DATETIME.exec(raw);
  if (!m) return parseDate(raw) ? `${parseDate(raw)}T00:00:00` : undefined;
  const [, date, hh, mm, ss = '00', zone] = m;
  if (!parseDate(date!) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  if (!zone) return `${date}T${hh}:${mm}:${ss}`;
  // Datetime fields are zone-less; a value with an offset is stored as its UTC wall time.
  const utc = new Date(`${date}T${hh}:${mm}:${ss}${zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  return Number.isNaN(utc.getTime()) ? undefined : utc.toISOString().slice(0, 19);
}

/** Characters of a text value its index key keeps: a btree entry holds at most about 2.7 kB. */
export const TEXT_KEY_LENGTH = 200;

/** The index key of a text value: its lower-cased start (equality on longer values is rechecked). */
export function textKey(value: string): string {
  return value.toLowerCase().slice(0, TEXT_KEY_LENGTH);
}
