import { SplitResource } from './split-resource';

/** Two services' parts of one list: 3 items on the lead side, 4 on the deal side. */
const parts: Record<string, number[]> = { lead: [1, 2, 3], deal: [10, 11, 12, 13] };

function pager(calls: string[]) {
  return async (client: string, offset: number, limit: number, withTotalCount: boolean) => {
    calls.push(`${client}:${offset}:${limit}${withTotalCount ? ':count' : ''}`);
    return { items: parts[client]!.slice(offset, offset + limit), ...(withTotalCount ? { totalCount: String(parts[client]!.length) } : {}) };
  };
}

describe('SplitResource', () => {
  const split = new SplitResource('lead', 'deal');

  it('routes by resource type and by the id range of the deal side', () => {
    expect([split.byType('lead'), split.byType('contact'), split.byType('deal')]).toEqual(['lead', 'lead', 'deal']);
    expect([split.byId('999999999999999'), split.byId('1000000000000000')]).toEqual(['lead', 'deal']);
  });

  it('pages through the lead side, then the deal side, meeting every item once', async () => {
    const seen: number[] = [];
    for (let offset = 0; offset < 9; offset += 2) seen.push(...(await split.listAcross(offset, 2, pager([]))));
    expect(seen).toEqual([1, 2, 3, 10, 11, 12, 13]);
  });

  it('counts the lead side only for a page past its end', async () => {
    const calls: string[] = [];
    expect(await split.listAcross(4, 2, pager(calls))).toEqual([11, 12]);
    expect(calls).toEqual(['lead:4:2', 'lead:0:1:count', 'deal:1:2']);
    const full: string[] = [];
    await split.listAcross(0, 2, pager(full));
    expect(full).toEqual(['lead:0:2']);
  });
});
