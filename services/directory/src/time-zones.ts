/** Whether `zone` is an IANA time zone name this runtime knows (e.g. Europe/London, UTC). */
export function knownTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
