import { matches, validateFilter, type Filter } from './condition-tree';
import { DEFAULT_FIELDS, type FieldKind } from './record-fields';

const kinds: Record<string, FieldKind> = { ...DEFAULT_FIELDS.deal, 'custom_fields.Budget': 'number', 'custom_fields.Regions': 'list', 'custom_fields.Renewal': 'date' };
const kindOf = (name: string) => kinds[name];

describe('condition trees', () => {
  const deal = { owner_id: '1003', team_id: '7', pipeline_id: '2', stage_id: '11', value: 1500, currency: 'EUR', hot: true, tags: ['VIP', 'renewal'], name: 'Acme licences', 'custom_fields.Budget': 20000, 'custom_fields.Regions': ['EMEA'], 'custom_fields.Renewal': '2027-03-01', contact_id: null };

  it('matches groups of conditions on default and custom fields', () => {
    const filter: Filter = {
      all: [
        { field: 'pipeline_id', op: 'eq', value: 2 },
        { any: [{ field: 'owner_id', op: 'in', value: ['1004', 1003] }, { field: 'team_id', op: 'eq', value: '9' }] },
        { not: { field: 'stage_id', op: 'in', value: [12, 13] } },
        { field: 'custom_fields.Budget', op: 'gte', value: 10000 },
        { field: 'tags', op: 'contains', value: 'vip' },
        { field: 'name', op: 'contains', value: 'LICENCE' },
        { field: 'custom_fields.Renewal', op: 'lt', value: '2027-06-01' },
        { field: 'contact_id', op: 'is_not_set' },
      ],
    };
    expect(validateFilter(filter, kindOf)).toEqual([]);
    expect(matches(filter, deal, kindOf)).toBe(true);
    expect(matches(filter, { ...deal, stage_id: '12' }, kindOf)).toBe(false);
    expect(matches(filter, { ...deal, owner_id: '1005' }, kindOf)).toBe(false);
    expect(matches(filter, { ...deal, 'custom_fields.Budget': null }, kindOf)).toBe(false);
    expect(matches(undefined, deal, kindOf)).toBe(true);
  });

  it('names each problem at its path: unknown fields, operators that do not apply, values of the wrong type', () => {
    const bad = { all: [{ field: 'colour', op: 'eq', value: 'red' }, { field: 'value', op: 'contains', value: 'x' }, { field: 'pipeline_id', op: 'eq', value: 'two' }, { field: 'hot', op: 'is_set', value: true }, { any: [] }, 'x'] };
    expect(validateFilter(bad, kindOf).map((v) => [v.field, v.code])).toEqual([
      ['filter/all/0/field', 'unknown'],
      ['filter/all/1/op', 'incorrect_value'],
      ['filter/all/2/value', 'invalid_type'],
      ['filter/all/3/value', 'incorrect_value'],
      ['filter/all/4/any', 'invalid_type'],
      ['filter/all/5', 'invalid_type'],
    ]);
    expect(validateFilter({ all: [{ field: 'value', op: 'eq', value: 1 }], any: [] }, kindOf)[0]).toMatchObject({ field: 'filter', code: 'incorrect_value' });
    let deep: unknown = { field: 'hot', op: 'eq', value: true };
    for (let i = 0; i < 6; i++) deep = { not: deep };
    expect(validateFilter(deep, kindOf).length).toBe(1);
  });

});
