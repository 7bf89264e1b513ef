import { SellHttpError } from '../../../sell/sell-error';
import type { SellQuery } from '../../../sell/sell-query';

const DAY_MS = 24 * 3600 * 1000;

/** The period of a summary: `days` (default 30) ending now, or `from` (and `to`, default now). */
export function readPeriod(q: SellQuery): { from: Date; to: Date } {
  const hasDays = q.string('days') !== undefined;
  const days = q.int('days', 1, 366, 30);
  const from = q.time('from');
  const to = q.time('to') ?? new Date();
  if (hasDays && from !== undefined) throw SellHttpError.invalidParam('days', 'give either days or from/to');
  return { from: from ?? new Date(to.getTime() - days * DAY_MS), to };
}
