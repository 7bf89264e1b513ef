/** What binds a sealed CalDAV password to its calendar (see SecretBox). */
export function secretContext(c: { tenant_id: string; owner_id: string; calendar_url: string | null }): string {
  return `caldav:${c.tenant_id}:${c.owner_id}:${c.calendar_url}`;
}

/**
 * The URL of a new object for a UID in a calendar collection. The name keeps to characters no
 * server encodes differently, so the href it answers with is the one stored.
 */
export function hrefFor(calendarUrl: string, uid: string): string {
  return new URL(`${uid.replace(/[^A-Za-z0-9._-]/g, '_')}.ics`, calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`).toString();
}
