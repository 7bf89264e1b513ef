import type { InvitationMethod } from './itip';

export interface PlannedMail {
  recipient: string;
  method: InvitationMethod;
  /** A CANCEL to an attendee taken off the list (the appointment goes on without them). */
  removed: boolean;
}

/**
 * Who is mailed for a change, among external attendees (users see the appointment in their own
 * calendar): everyone on a new appointment; everyone again when what an invitation shows changed
 * (the SEQUENCE rose), else only those added; a CANCEL to those removed, and to everyone on a
 * cancellation.
 */
export function planInvitations(change: { kind: 'created' | 'updated' | 'cancelled'; before: readonly string[]; after: readonly string[]; sequenceRaised: boolean }): PlannedMail[] {
  const before = new Set(change.before);
  const after = new Set(change.after);
  switch (change.kind) {
    case 'created':
      return [...after].map((recipient) => ({ recipient, method: 'REQUEST', removed: false }));
    case 'cancelled':
      return [...before].map((recipient) => ({ recipient, method: 'CANCEL', removed: false }));
    case 'updated': {
      const requests = [...after].filter((r) => change.sequenceRaised || !before.has(r));
      const cancels = [...before].filter((r) => !after.has(r));
      return [...requests.map((recipient): PlannedMail => ({ recipient, method: 'REQUEST', removed: false })), ...cancels.map((recipient): PlannedMail => ({ recipient, method: 'CANCEL', removed: true }))];
    }
  }
}
