import { DEFAULT_FIELDS, type FieldKind } from '@crm/conditions';
import { validateTriggers } from './triggers';

const kinds: Record<string, FieldKind> = { ...DEFAULT_FIELDS.deal, 'custom_fields.Budget': 'number' };

describe('subscription triggers', () => {
  it('allows the triggers of each record type, field changes with known fields only', () => {
    const isField = (f: string) => f in kinds;
    expect(validateTriggers([{ type: 'stage_changed' }, { type: 'field_changed', fields: ['value', 'custom_fields.Budget'] }], 'deal', isField)).toEqual([]);
    expect(validateTriggers([{ type: 'stage_changed' }], 'lead', isField).map((v) => v.field)).toEqual(['triggers/0/type']);
    expect(validateTriggers([{ type: 'field_changed', fields: ['colour'] }], 'deal', isField).map((v) => v.field)).toEqual(['triggers/0/fields/0']);
    expect(validateTriggers([], 'deal', isField).map((v) => v.code)).toEqual(['missing']);
    expect(validateTriggers([{ type: 'note_added', fields: ['value'] }], 'deal', isField).map((v) => v.field)).toEqual(['triggers/0/fields']);
  });
});
