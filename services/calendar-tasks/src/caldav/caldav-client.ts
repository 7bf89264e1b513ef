import nodeFetch from 'node-fetch';
import { DAVClient, type DAVCalendar } from 'tsdav';

/** Why a CalDAV server could not be used: bad credentials, not reachable, or an answer we cannot use. */
export class CaldavError extends Error {
  constructor(
    readonly kind: 'auth' | 'unreachable' | 'protocol' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'CaldavError';
  }
}

export interface RemoteCalendar {
  url: string;
  name: string;
  ctag: string | null;
  syncToken: string | null;
  components: string[];
}

export interface RemoteObject {
  href: string;
  etag: string | null;
}

export interface Changes {
  changed: RemoteObject[];
  deleted: string[];
  syncToken: string | null;
}

/** A failure of fetch or of a response: which kind of CalDAV error it is. */
function classify(e: unknown): CaldavError {
  if (e instanceof CaldavError) return e;
  const message = (e as Error)?.message ?? String(e);
  if (/401|403|Invalid credentials|Unauthorized/i.test(message)) return new CaldavError('auth', 'the server refused the user name or password');
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|aborted|timeout|socket/i.test(message) || (e as { name?: string })?.name === 'TimeoutError') {
    return new CaldavError('unreachable', `the server did not answer (${message.slice(0, 200)})`);
  }
  return new CaldavError('protocol', message.slice(0, 500));
}

const hrefOf = (base: string, href: string) => new URL(href, base).toString();
/** The largest answer read from a CalDAV server (a listing of a big calendar is several MB). */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/**
 * One user's CalDAV account through tsdav: discovery (RFC 6764 well-known, principal,
 * calendar-home-set), the calendars there, incremental changes (sync-collection, else an ETag
 * listing), multiget, and writes guarded by ETags. Every request has a deadline.
 */
export class CaldavAccount {
  private constructor(private readonly client: DAVClient) {}

  static async connect(serverUrl: string, username: string, password: string, timeoutMs: number): Promise<CaldavAccount> {
    // node-fetch (node:http) rather than the built-in fetch: undici asserts, and takes the process
    // down, when an HTTP/1.0 server (Radicale's) closes the socket under a large paused body.
    const timed = ((input: string, init?: Record<string, unknown>) =>
      nodeFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs), size: MAX_RESPONSE_BYTES } as never)) as unknown as typeof fetch;
    const client = new DAVClient({ serverUrl, credentials: { username, password }, authMethod: 'Basic', defaultAccountType: 'caldav', fetch: timed } as ConstructorParameters<typeof DAVClient>[0]);
    try {
      await client.login();
    } catch (e) {
      throw classify(e);
    }
    return new CaldavAccount(client);
  }

  /** The calendars of the account's home that hold events. */
  async calendars(): Promise<RemoteCalendar[]> {
    let found: DAVCalendar[];
    try {
      found = await this.client.fetchCalendars();
    } catch (e) {
      throw classify(e);
    }
    return found
      .filter((c) => !c.components || c.components.includes('VEVENT'))
      .map((c) => ({ url: c.url, name: typeof c.displayName === 'string' && c.displayName ? c.displayName : new URL(c.url).pathname, ctag: c.ctag ?? null, syncToken: c.syncToken ?? null, components: c.components ?? [] }));
  }

  /** What changed since `syncToken` (RFC 6578), or 'invalid-token' when the server no longer knows it. */
  async changesSince(calendarUrl: string, syncToken: string): Promise<Changes | 'invalid-token'> {
    const answers = await this.guard(() => this.client.syncCollection({ url: calendarUrl, props: { 'd:getetag': {} }, syncLevel: 1, syncToken } as never));
    const list = answers as { href?: string; status?: number; ok?: boolean; props?: { getetag?: string }; raw?: unknown }[];
    const collection = new URL(calendarUrl).pathname.replace(/\/$/, '');
    const isCollection = (href: string | undefined) => href !== undefined && new URL(href, calendarUrl).pathname.replace(/\/$/, '') === collection;
    // A refused request comes back as one answer about the collection itself; a deleted member is an answer about it.
    if (list.length === 1 && list[0]!.ok === false && isCollection(list[0]!.href)) {
      if (list[0]!.status === 403 || list[0]!.status === 409 || String(list[0]!.raw ?? '').includes('valid-sync-token')) return 'invalid-token';
      throw classify(new Error(`sync-collection answered ${list[0]!.status}`));
    }
    const token = (list[0]?.raw as { multistatus?: { syncToken?: string } } | undefined)?.multistatus?.syncToken ?? null;
    const changed: RemoteObject[] = [];
    const deleted: string[] = [];
    for (const r of list) {
      if (!r.href || isCollection(r.href)) continue;
      const href = hrefOf(calendarUrl, r.href);
      if (r.status === 404 || !r.props?.getetag) deleted.push(href);
      else changed.push({ href, etag: r.props.getetag });
    }
    return { changed, deleted, syncToken: token };
  }

  /**
   * Every object of the calendar with its ETag: the fallback without a usable sync token. A
   * calendar-query REPORT (RFC 4791) for ETags only, which servers answer far faster than PROPFIND.
   */
  async listing(calendarUrl: string): Promise<RemoteObject[]> {
    const answers = await this.guard(() =>
      this.client.calendarQuery({ url: calendarUrl, props: { 'd:getetag': {} }, filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' } } }, depth: '1' } as never),
    );
    return (answers as { href?: string; props?: { getetag?: string } }[])
      .filter((r) => r.href && r.props?.getetag && !new URL(r.href, calendarUrl).pathname.endsWith('/'))
      .map((r) => ({ href: hrefOf(calendarUrl, r.href!), etag: r.props!.getetag! }));
  }

  /** The iCalendar data of these objects (calendar-multiget). */
  async fetch(calendarUrl: string, hrefs: readonly string[]): Promise<{ href: string; etag: string | null; data: string }[]> {
    if (hrefs.length === 0) return [];
    const answers = await this.guard(() =>
      this.client.calendarMultiGet({ url: calendarUrl, props: { 'd:getetag': {}, 'c:calendar-data': {} }, objectUrls: hrefs.map((h) => new URL(h).pathname), depth: '1' } as never),
    );
    return (answers as { href?: string; props?: { getetag?: string; calendarData?: string | { _cdata?: string } } }[])
      .filter((r) => r.href && r.props?.calendarData)
      .map((r) => {
        const data = r.props!.calendarData!;
        return { href: hrefOf(calendarUrl, r.href!), etag: r.props!.getetag ?? null, data: typeof data === 'string' ? data : (data._cdata ?? '') };
      });
  }

  /** Creates (no `etag`: only if absent) or replaces (only if still at `etag`) an object; 'conflict' when the guard fails. */
  async put(href: string, ics: string, etag: string | null): Promise<{ etag: string | null } | 'conflict'> {
    const response = await this.guard(() =>
      etag === null
        ? this.client.createObject({ url: href, data: ics, headers: { 'content-type': 'text/calendar; charset=utf-8', 'If-None-Match': '*' } })
        : this.client.updateObject({ url: href, data: ics, etag, headers: { 'content-type': 'text/calendar; charset=utf-8' } }),
    );
    if (response.status === 412) return 'conflict';
    if (!response.ok) throw classify(new Error(`PUT answered ${response.status}`));
    return { etag: response.headers.get('etag') };
  }

  /** Deletes an object if still at `etag` (any, when null); a missing object counts as deleted. */
  async remove(href: string, etag: string | null): Promise<'deleted' | 'conflict'> {
    const response = await this.guard(() => this.client.deleteObject({ url: href, etag: etag ?? undefined } as never));
    if (response.status === 412) return 'conflict';
    if (!response.ok && response.status !== 404) throw classify(new Error(`DELETE answered ${response.status}`));
    return 'deleted';
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      throw classify(e);
    }
  }
}
