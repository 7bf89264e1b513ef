import { LinkSigner } from '@crm/config';

/** What an RSVP link answers for: one attendee of one appointment of one tenant. */
export interface RsvpClaim {
  tenantId: string;
  appointmentId: string;
  email: string;
}

/** A URL-safe token for the claim that only the holder of `key` can make. */
export function signRsvp(claim: RsvpClaim, key: string): string {
  return new LinkSigner(key).sign({ t: claim.tenantId, a: claim.appointmentId, e: claim.email });
}

/** The claim of a token signed with `key`, or null for anything else (malformed, forged, altered). */
export function verifyRsvp(token: string, key: string): RsvpClaim | null {
  const claim = new LinkSigner(key).verify(token, ['t', 'a', 'e']);
  return claim && { tenantId: claim.t, appointmentId: claim.a, email: claim.e };
}
