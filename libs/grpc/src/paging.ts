/** Sell's paging limits: pages are 1-based, 25 items by default, 100 at most. */
export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

/** A request's page within Sell's limits; an absent or zero field takes its default. */
export function pageOf(page: { page?: number; perPage?: number } | undefined): { page: number; perPage: number } {
  return { page: Math.max(1, page?.page || 1), perPage: Math.min(MAX_PER_PAGE, Math.max(1, page?.perPage || DEFAULT_PER_PAGE)) };
}
