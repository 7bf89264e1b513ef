import type { NotificationListener } from './notification-listener';
import { TenantNoticeCache } from './tenant-notice-cache';

/** A listener whose notices the test sends by hand. */
function fakeListener(listening = true) {
  const handlers: ((payload: string | undefined) => void)[] = [];
  const listener = {
    listening,
    listen: async (_channel: string, handler: (payload: string | undefined) => void) => {
      handlers.push(handler);
    },
  };
  return { listener: listener as unknown as NotificationListener, notice: (payload: string | undefined) => handlers.forEach((h) => h(payload)) };
}

describe(TenantNoticeCache.name, () => {
  const T1 = 't1';
  const T2 = 't2';

  it('reads a tenant\'s value once and keeps it until a notice names the tenant', async () => {
    const { listener, notice } = fakeListener();
    const cache = new TenantNoticeCache<{ n: number }>(listener, 'things', 10);
    await cache.listen();
    let reads = 0;
    const load = async () => ({ n: ++reads });
    expect(await cache.get(T1, 'k', load)).toEqual({ n: 1 });
    expect(await cache.get(T1, 'k', load)).toEqual({ n: 1 });
    expect(await cache.get(T2, 'k', load)).toEqual({ n: 2 });
    notice(T1);
    expect(await cache.get(T1, 'k', load)).toEqual({ n: 3 });
    expect(await cache.get(T2, 'k', load)).toEqual({ n: 2 });
    // A reconnection may have missed notices: nothing kept is trusted.
    notice(undefined);
    expect(await cache.get(T2, 'k', load)).toEqual({ n: 4 });
  });

  it('does not keep a read that a notice overtook, nor anything without the listening connection', async () => {
    const { listener, notice } = fakeListener();
    const cache = new TenantNoticeCache<{ n: number }>(listener, 'things', 10);
    await cache.listen();
    let reads = 0;
    await cache.get(T1, 'k', async () => {
      notice(T1);
      return { n: ++reads };
    });
    expect(await cache.get(T1, 'k', async () => ({ n: ++reads }))).toEqual({ n: 2 });

    const offline = new TenantNoticeCache<{ n: number }>(fakeListener(false).listener, 'things', 10);
    expect(await offline.get(T1, 'k', async () => ({ n: ++reads }))).toEqual({ n: 3 });
    expect(await offline.get(T1, 'k', async () => ({ n: ++reads }))).toEqual({ n: 4 });
  });

  it('forgets a tenant on its own process\'s change, and only that tenant', async () => {
    const { listener } = fakeListener();
    const cache = new TenantNoticeCache<{ n: number }>(listener, 'things', 10);
    let reads = 0;
    await cache.get(T1, 'a', async () => ({ n: ++reads }));
    await cache.get(T2, 'a', async () => ({ n: ++reads }));
    cache.forget(T1);
    expect(await cache.get(T1, 'a', async () => ({ n: ++reads }))).toEqual({ n: 3 });
    expect(await cache.get(T2, 'a', async () => ({ n: ++reads }))).toEqual({ n: 2 });
  });
});
