/** Sell's paging limits: pages are 1-based, 25 items by default, 100 at most. */
export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

/** A request's page within Sell's limits; an absent or zero field takes its default. */
export function pageOf(page: { page?: number; perPage?: number } | undefined): { page: number; perPage: number } {
  return { page: Math.max(1, page?.page || 1), perPage: Math.min(MAX_PER_PAGE, Math.max(1, page?.perPage || DEFAULT_PER_PAGE)) };
}

/** A request's rows to skip and to answer within Sell's limits (lists paged by offset, e.g. across two services). */
export function rowsOf(request: { offset: number; limit: number }): { offset: number; limit: number } {
  return { offset: Math.max(0, request.offset), limit: Math.min(MAX_PER_PAGE, Math.max(1, request.limit || DEFAULT_PER_PAGE)) };
}
