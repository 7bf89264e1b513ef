/**
 * When a failed send is tried again: the delay doubles from `baseMs` with each attempt made, up to
 * `maxMs`, with up to a fifth added at random so that many sends failing together (a mail server
 * restarting) do not all come back at the same moment.
 */
export function retryDelayMs(attemptsMade: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(exponential * (1 + random() * 0.2));
}
