import { retryDelayMs } from './delivery-backoff';

describe(retryDelayMs.name, () => {
  it('doubles from the base with each attempt, up to the ceiling, plus at most a fifth of jitter', () => {
    const none = () => 0;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, 60_000, none))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelayMs(20, 1_000, 60_000, none)).toBe(60_000);
    expect(retryDelayMs(1, 1_000, 60_000, () => 0.999)).toBeLessThanOrEqual(1_200);
    expect(retryDelayMs(1, 1_000, 60_000, () => 0.5)).toBe(1_100);
  });
});
