import { pageOf } from './paging';

describe(pageOf.name, () => {
  it('fills absent or zero fields with the first page of 25 and keeps pages within 1..100 items', () => {
    expect(pageOf(undefined)).toEqual({ page: 1, perPage: 25 });
    expect(pageOf({ page: 0, perPage: 0 })).toEqual({ page: 1, perPage: 25 });
    expect(pageOf({ page: 3, perPage: 500 })).toEqual({ page: 3, perPage: 100 });
    expect(pageOf({ page: -2, perPage: -1 })).toEqual({ page: 1, perPage: 1 });
  });
});
