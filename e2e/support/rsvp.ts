import { createHmac } from 'node:crypto';
import { E2E_RSVP_KEY } from './e2e-env';

/**
 * An RSVP token as calendar-tasks makes them (`<base64url claim>.<base64url HMAC-SHA256>`), signed
 * with the e2e key or another: for fixtures, and for forged tokens the service must refuse.
 */
export function rsvpToken(claim: { tenantId: string; appointmentId: number | string; email: string }, key = E2E_RSVP_KEY): string {
  const body = Buffer.from(JSON.stringify({ t: claim.tenantId, a: String(claim.appointmentId), e: claim.email })).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** The RSVP link's token in an invitation mail. */
export function rsvpTokenIn(source: string): string {
  const match = /\/public\/rsvp\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(source);
  if (!match) throw new Error('no RSVP link in the mail');
  return match[1]!;
}

/** The iCalendar object of an iMIP mail's text/calendar part (unfolded lines). */
export function calendarIn(source: string): string {
  const start = source.indexOf('BEGIN:VCALENDAR');
  const end = source.indexOf('END:VCALENDAR', start);
  if (start < 0 || end < 0) throw new Error('no iCalendar part in the mail');
  return source.slice(start, end + 'END:VCALENDAR'.length).replace(/\r?\n[ \t]/g, '');
}
