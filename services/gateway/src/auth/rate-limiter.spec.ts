import { RateLimiter } from './rate-limiter';

describe(RateLimiter.name, () => {
  it('allows a burst, then refills at the configured rate, per key', () => {
    let now = 0;
    const sut = new RateLimiter(10, 3, () => now);
    expect([1, 2, 3].map(() => sut.take('a').allowed)).toEqual([true, true, true]);
    const denied = sut.take('a');
    expect(denied).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    expect(sut.take('b').allowed).toBe(true);
    now += 100;
    expect(sut.take('a').allowed).toBe(true);
    expect(sut.take('a').allowed).toBe(false);
  });
});
