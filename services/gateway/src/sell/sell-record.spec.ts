import { SellHttpError } from './sell-error';
import { SellQuery } from './sell-query';
import { readRecordFilter, upsertFilter } from './sell-record';

const read = (raw: Record<string, string>) => {
  const q = new SellQuery(raw);
  return () => upsertFilter(q, readRecordFilter(q, ['owner_id'], ['email', 'last_name'], []));
};

describe('upsertFilter', () => {
  it('answers the list filters of the query', () => {
    expect(read({ email: 'a@b.example', 'custom_fields[External ID]': 'X-1' })()).toMatchObject({ email: 'a@b.example', customFields: [{ name: 'External ID', value: 'X-1' }] });
    expect(read({ owner_id: '7' })()).toMatchObject({ ownerId: '7' });
  });

  it('refuses a query without a filter, and paging or sorting, which filter nothing', () => {
    const queries: Record<string, string>[] = [{}, { page: '1' }, { sort_by: 'id' }, { colour: 'red' }];
    for (const raw of queries) {
      const e = (() => {
        try {
          read(raw)();
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(SellHttpError);
      expect((e as SellHttpError).status).toBe(400);
    }
  });
});
