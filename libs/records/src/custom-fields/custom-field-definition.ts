import type { FieldViolation } from '@crm/errors';
import { CUSTOM_FIELD_TYPES, type CustomFieldChoice, type CustomFieldType } from './custom-field-value';

/** Dropdowns and multi-selects offer up to 500 options (product brief, custom fields). */
export const MAX_CHOICES = 500;
const OPTION_TYPES: readonly CustomFieldType[] = ['list', 'multi_select_list'];

export function hasOptions(type: CustomFieldType): boolean {
  return OPTION_TYPES.includes(type);
}

export function normaliseFieldName(raw: string): string | undefined {
  const t = raw.trim().replace(/\s+/g, ' ');
  return t.length >= 1 && t.length <= 128 ? t : undefined;
}

export function isFieldType(type: string): type is CustomFieldType {
  return (CUSTOM_FIELD_TYPES as readonly string[]).includes(type);
}

/**
 * Validates an option list. Options with an id keep it; new ones get ids above every id the field
 * has used, so an old value never comes back under a new option.
 */
export function buildChoices(type: CustomFieldType, requested: { id?: number; name: string }[], current: CustomFieldChoice[], highestIdUsed: number): { choices: CustomFieldChoice[] } | { violations: FieldViolation[] } {
  if (!hasOptions(type)) {
    return requested.length === 0 ? { choices: [] } : { violations: [{ field: 'choices', code: 'incorrect_value', message: `a ${type} field has no options` }] };
  }
  if (requested.length === 0) return { violations: [{ field: 'choices', code: 'missing', message: 'a dropdown needs at least one option' }] };
  if (requested.length > MAX_CHOICES) return { violations: [{ field: 'choices', code: 'incorrect_value', message: `has more than ${MAX_CHOICES} options` }] };
  const seen = new Set<string>();
  const choices: CustomFieldChoice[] = [];
  let next = Math.max(highestIdUsed, ...current.map((c) => c.id), 0);
  for (const option of requested) {
    const name = option.name.trim();
    if (name.length === 0 || name.length > 255) return { violations: [{ field: 'choices', code: 'incorrect_value', message: 'every option needs a name of 1 to 255 characters' }] };
    if (seen.has(name.toLowerCase())) return { violations: [{ field: 'choices', code: 'incorrect_value', message: `option "${name}" appears twice` }] };
    seen.add(name.toLowerCase());
    if (option.id !== undefined) {
      if (!current.some((c) => c.id === option.id)) return { violations: [{ field: 'choices', code: 'incorrect_value', message: `option id ${option.id} does not exist` }] };
      choices.push({ id: option.id, name });
    } else {
      choices.push({ id: ++next, name });
    }
  }
  return { choices };
}
