/**
 * Ids from 10^15 up belong to deals-pipelines; lower ids to leads-contacts. Resources kept with
 * their records in both services (notes, tags) start deals-pipelines' identity there, so an id
 * alone names its service (decision 16).
 */
const DEAL_SIDE_IDS_FROM = 10n ** 15n;

/**
 * A resource of lead and contact records kept by leads-contacts and of deals kept by
 * deals-pipelines: which client serves a resource type or an id, and one list across both.
 */
export class SplitResource<Client> {
  constructor(
    private readonly leadSide: Client,
    private readonly dealSide: Client,
  ) {}

  byType(resourceType: string): Client {
    return resourceType === 'deal' ? this.dealSide : this.leadSide;
  }

  byId(id: string): Client {
    return BigInt(id) >= DEAL_SIDE_IDS_FROM ? this.dealSide : this.leadSide;
  }

  /** A page of a list: of one resource type from its service, or of all types across both (see listAcross). */
  async list<T>(resourceType: string | undefined, offset: number, limit: number, page: (client: Client, offset: number, limit: number, withTotalCount: boolean) => Promise<{ items: T[]; totalCount?: string | undefined }>): Promise<T[]> {
    if (resourceType) return (await page(this.byType(resourceType), offset, limit, false)).items;
    return this.listAcross(offset, limit, page);
  }

  /**
   * A page of the list without a resource type: the leads-contacts part followed by the
   * deals-pipelines part (each in the requested order), so paging meets every item once.
   * `page(client, offset, limit, withTotalCount)` reads one part.
   */
  async listAcross<T>(offset: number, limit: number, page: (client: Client, offset: number, limit: number, withTotalCount: boolean) => Promise<{ items: T[]; totalCount?: string | undefined }>): Promise<T[]> {
    const first = await page(this.leadSide, offset, limit, false);
    if (first.items.length === limit) return first.items;
    // A short page ends the first part, so its size is known; only a page past its end counts it.
    const before = first.items.length > 0 ? offset + first.items.length : Number((await page(this.leadSide, 0, 1, true)).totalCount ?? 0);
    const rest = await page(this.dealSide, Math.max(0, offset - before), limit - first.items.length, false);
    return [...first.items, ...rest.items];
  }
}
