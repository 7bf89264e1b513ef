import { LRUCache } from 'lru-cache';
import type { NotificationListener } from './notification-listener';

/**
 * Values read from a tenant's rows, kept while the database's notices can reach this process: a
 * trigger announces every committed change with the tenant's id on `channel`, and the notice drops
 * what is kept of that tenant. A read that a notice (or a reconnection of the listener) overtook is
 * not kept, and without the listening connection nothing is kept at all.
 */
export class TenantNoticeCache<V extends object> {
  private readonly entries: LRUCache<string, V>;
  /** Notices seen per tenant, and reconnections of the listener: a read spanning one is not kept. */
  private readonly generations = new Map<string, number>();
  private epoch = 0;

  constructor(
    private readonly notifications: NotificationListener,
    private readonly channel: string,
    maxEntries: number,
  ) {
    this.entries = new LRUCache<string, V>({ max: maxEntries });
  }

  /** Starts following the channel (once, at module start). */
  listen(): Promise<void> {
    return this.notifications.listen(this.channel, (tenantId) => {
      if (tenantId === undefined) {
        // Notices may have been missed: nothing kept can be trusted.
        this.entries.clear();
        this.generations.clear();
        this.epoch++;
        return;
      }
      this.forget(tenantId);
    });
  }

  /** The tenant's value under `key`, read by `load` unless kept. */
  async get(tenantId: string | undefined, key: string, load: () => Promise<V>): Promise<V> {
    const cacheable = tenantId !== undefined && this.notifications.listening;
    const entry = `${tenantId}/${key}`;
    const kept = cacheable ? this.entries.get(entry) : undefined;
    if (kept) return kept;
    const stamp = this.stamp(tenantId);
    const value = await load();
    if (cacheable && this.stamp(tenantId) === stamp) this.entries.set(entry, value);
    return value;
  }

  /** Drops what is kept of the tenant (a change made by this process, before its notice comes back). */
  forget(tenantId: string): void {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
    const prefix = `${tenantId}/`;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private stamp(tenantId: string | undefined): string {
    return `${this.epoch}.${this.generations.get(tenantId ?? '') ?? 0}`;
  }
}
