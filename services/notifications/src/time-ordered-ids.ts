/** UUIDv7 bounds of a millisecond: ids are time-ordered, so a period is a range of them. */
function timePrefix(at: Date): string {
  const ms = Math.max(0, at.getTime()).toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}`;
}

/** The least UUIDv7 of the millisecond `at`: every id made from then on sorts at or above it. */
export function firstIdOf(at: Date): string {
  return `${timePrefix(at)}-7000-8000-000000000000`;
}

/** The greatest UUIDv7 of the millisecond `at`: every id made up to then sorts at or below it. */
export function lastIdOf(at: Date): string {
  return `${timePrefix(at)}-7fff-bfff-ffffffffffff`;
}
