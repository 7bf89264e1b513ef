import { SellHttpError } from './sell-error';
import { SellQuery } from './sell-query';

const error = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as SellHttpError;
  }
  throw new Error('expected an error');
};

describe(SellQuery.name, () => {
  it('reads calendar dates and refuses anything else as invalid_param', () => {
    expect(new SellQuery({ d: '2024-02-29' }).date('d')).toBe('2024-02-29');
    for (const bad of ['', '2023-02-29', '2024-13-01', '2024-1-1', 'today', '2024-01-01T00:00:00Z']) {
      const e = error(() => new SellQuery({ d: bad }).date('d'));
      expect([e.status, e.items[0]?.code, e.items[0]?.field]).toEqual([400, 'invalid_param', 'd']);
    }
  });

  it('reads custom field sort keys and bracketed filters', () => {
    const sut = new SellQuery({ sort_by: 'custom_fields:Annual budget:desc,last_name', 'custom_fields[Tier]': 'Gold' });
    expect(sut.sort('sort_by', ['last_name'], 'custom_fields')).toEqual([
      { field: 'custom_fields.Annual budget', descending: true },
      { field: 'last_name', descending: false },
    ]);
    expect(sut.bracketed('custom_fields')).toEqual([{ key: 'Tier', value: 'Gold' }]);
    expect(() => sut.assertNoUnknown()).not.toThrow();
  });

  it('reads dates and date-times, UTC when no zone is given', () => {
    const sut = new SellQuery({ a: '2026-01-02', b: '2026-01-02T03:04:05', c: '2026-01-02T03:04:05+02:00' });
    expect(sut.time('a')?.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(sut.time('b')?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(sut.time('c')?.toISOString()).toBe('2026-01-02T01:04:05.000Z');
  });

  it('answers every malformed or unknown parameter with one invalid_param error', () => {
    for (const [raw, read] of [
      [{ per_page: '101' }, (q: SellQuery) => q.int('per_page', 1, 100, 25)],
      [{ ids: '1,,2' }, (q: SellQuery) => q.ids('ids')],
      [{ t: 'yesterday' }, (q: SellQuery) => q.time('t')],
      [{ b: 'yes' }, (q: SellQuery) => q.bool('b')],
      [{ sort_by: 'name:up' }, (q: SellQuery) => q.sort('sort_by', ['name'])],
      [{ x: ['1', '2'] }, (q: SellQuery) => q.string('x')],
      [{ unknown: '1' }, (q: SellQuery) => q.assertNoUnknown()],
    ] as const) {
      const e = error(() => read(new SellQuery(raw as Record<string, string | string[]>)));
      expect(e.status).toBe(400);
      expect(e.items).toHaveLength(1);
      expect(e.items[0]!.code).toBe('invalid_param');
    }
  });
});
