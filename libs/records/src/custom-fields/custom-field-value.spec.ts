import { filterValue, indexValue, normaliseValue, presentValue, type CustomFieldDef, type CustomFieldType } from './custom-field-value';

const def = (type: CustomFieldType): CustomFieldDef => ({ id: '1', name: 'F', type, choices: [{ id: 1, name: 'Gold' }, { id: 2, name: 'Silver' }] });
const ok = (type: CustomFieldType, raw: unknown) => {
  const r = normaliseValue(def(type), raw);
  if ('error' in r) throw new Error(`${type} ${JSON.stringify(raw)}: ${r.error}`);
  return r.value;
};
const err = (type: CustomFieldType, raw: unknown) => {
  const r = normaliseValue(def(type), raw);
  return 'error' in r ? r.code : 'accepted';
};

describe(normaliseValue.name, () => {
  it('accepts each type in the forms Sell clients send and stores a canonical form', () => {
    expect(ok('string', 'abc')).toBe('abc');
    expect(ok('number', '0012.500')).toBe('12.5');
    expect(ok('number', 42)).toBe('42');
    expect(ok('number', '-0.0')).toBe('0');
    expect(ok('bool', 'true')).toBe(true);
    expect(ok('date', '2016-04-27')).toBe('2016-04-27');
    expect(ok('date', '4/27/2016')).toBe('2016-04-27');
    expect(ok('date', '2015-06-19T10:00:00.000Z')).toBe('2015-06-19');
    expect(ok('datetime', '2016-04-27T10:11:12')).toBe('2016-04-27T10:11:12');
    expect(ok('datetime', '2016-04-27T10:11:12+0200')).toBe('2016-04-27T08:11:12');
    expect(ok('list', 'gold')).toBe(1);
    expect(ok('list', { id: 2, name: 'Silver' })).toBe(2);
    expect(ok('multi_select_list', ['Silver', 'Gold', 'silver'])).toEqual([2, 1]);
    expect(ok('email', ' a@b.co ')).toBe('a@b.co');
    expect(ok('phone', '+1 (555) 010-9999')).toBe('+1 (555) 010-9999');
    expect(ok('url', 'example.com/x')).toBe('example.com/x');
    expect(ok('address', { city: 'Oslo', country: null })).toEqual({ city: 'Oslo' });
  });

  it('rejects wrong types and values', () => {
    expect(err('string', 5)).toBe('invalid_type');
    expect(err('string', 'x'.repeat(256))).toBe('incorrect_value');
    expect(err('number', '1e5')).toBe('incorrect_value');
    expect(err('number', true)).toBe('invalid_type');
    expect(err('bool', 'yes')).toBe('invalid_type');
    expect(err('date', '2016-02-30')).toBe('incorrect_value');
    expect(err('datetime', '2016-04-27T25:00:00')).toBe('incorrect_value');
    expect(err('list', 'Bronze')).toBe('incorrect_value');
    expect(err('multi_select_list', 'Gold')).toBe('invalid_type');
    expect(err('email', 'nope')).toBe('incorrect_value');
    expect(err('url', 'javascript:alert(1)')).toBe('incorrect_value');
    expect(err('address', { planet: 'Mars' })).toBe('incorrect_value');
  });
});

describe(presentValue.name, () => {
  it('shows options by name and addresses with every part', () => {
    expect(presentValue(def('list'), 2)).toBe('Silver');
    expect(presentValue(def('multi_select_list'), [2, 1, 9])).toEqual(['Silver', 'Gold']);
    expect(presentValue(def('address'), { city: 'Oslo' })).toEqual({ line1: null, city: 'Oslo', postal_code: null, state: null, country: null });
  });
});

describe(indexValue.name, () => {
  it('indexes numbers and options numerically, one row per selected option', () => {
    expect(indexValue(def('number'), '12.5')).toEqual([{ value_text: null, value_number: '12.5' }]);
    expect(indexValue(def('multi_select_list'), [2, 1])).toEqual([{ value_text: null, value_number: '2' }, { value_text: null, value_number: '1' }]);
    expect(indexValue(def('bool'), false)).toEqual([{ value_text: 'false', value_number: null }]);
  });
});

describe(filterValue.name, () => {
  it('matches the indexed form of a query-string value', () => {
    expect(filterValue(def('list'), 'gold')).toEqual({ column: 'number', value: '1' });
    expect(filterValue(def('number'), '12.50')).toEqual({ column: 'number', value: '12.5' });
    expect(filterValue(def('bool'), 'true')).toEqual({ column: 'text', value: 'true' });
    expect(filterValue(def('string'), 'Abc')).toEqual({ column: 'text', value: 'Abc' });
    expect(filterValue(def('list'), 'Bronze')).toEqual({ error: "is not one of the field's options" });
  });
});
