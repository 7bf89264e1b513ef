import { pageOf, rowsOf } from './paging';

describe(pageOf.name, () => {
  it('fills absent or zero fields with the first page of 25 and keeps pages within 1..100 items', () => {
    expect(pageOf(undefined)).toEqual({ page: 1, perPage: 25 });
    expect(pageOf({ page: 0, perPage: 0 })).toEqual({ page: 1, perPage: 25 });
    expect(pageOf({ page: 3, perPage: 500 })).toEqual({ page: 3, perPage: 100 });
    expect(pageOf({ page: -2, perPage: -1 })).toEqual({ page: 1, perPage: 1 });
  });
});

describe(rowsOf.name, () => {
  it('answers 25 rows for a zero limit, at most 100, and skips no fewer than none', () => {
    expect(rowsOf({ offset: 0, limit: 0 })).toEqual({ offset: 0, limit: 25 });
    expect(rowsOf({ offset: 50, limit: 500 })).toEqual({ offset: 50, limit: 100 });
    expect(rowsOf({ offset: -5, limit: -1 })).toEqual({ offset: 0, limit: 1 });
  });
});
