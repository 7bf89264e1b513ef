import { isEmptyFilter } from './record-upsert';

describe('isEmptyFilter', () => {
  it('holds for a filter message that sets nothing', () => {
    expect(isEmptyFilter({ ids: [], customFields: [], tags: [], timeRanges: [], email: undefined })).toBe(true);
    expect(isEmptyFilter({})).toBe(true);
  });

  it('fails for any value or non-empty list, false and zero included', () => {
    expect(isEmptyFilter({ ids: ['1'] })).toBe(false);
    expect(isEmptyFilter({ hot: false })).toBe(false);
    expect(isEmptyFilter({ email: '' })).toBe(false);
    expect(isEmptyFilter({ customFields: [{ name: 'Tier', value: 'Gold' }] })).toBe(false);
  });
});
