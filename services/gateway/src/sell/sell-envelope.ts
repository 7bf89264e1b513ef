/** Sell v2 response envelopes (single resource and collection). */
export interface SellLinks {
  self?: string;
  first_page?: string;
  prev_page?: string;
  next_page?: string;
}

export function single<T>(type: string, data: T, version?: string | number) {
  return { data, meta: { type, ...(version !== undefined ? { version: Number(version) } : {}) } };
}

export function collection<T>(type: string, items: { data: T; version?: string | number }[], links: SellLinks, totalCount?: string) {
  return {
    items: items.map((i) => single(type, i.data, i.version)),
    meta: { type: 'collection', count: items.length, ...(totalCount !== undefined ? { total_count: Number(totalCount) } : {}), links },
  };
}

/** Page links in the Sell style, built from the request path and its normalised query. */
export function pageLinks(path: string, query: URLSearchParams, page: number, perPage: number, hasNext: boolean): SellLinks {
  const link = (p: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    return `${path}?${q.toString()}`;
  };
  return {
    self: link(page),
    first_page: link(1),
    ...(page > 1 ? { prev_page: link(page - 1) } : {}),
    ...(hasNext ? { next_page: link(page + 1) } : {}),
  };
}
