import { canAssignOwner, type Principal } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';

export const OWNER_NOT_ASSIGNABLE = 'OWNER_NOT_ASSIGNABLE';

/** A user assigns records to themself, a manager also to reports, an admin to anyone (403 otherwise). */
export function assertOwnerAssignable(principal: Principal, ownerId: string, resource: string): void {
  if (!canAssignOwner(principal, ownerId)) {
    throw new DomainError(OWNER_NOT_ASSIGNABLE, ErrorKind.PermissionDenied, `you may not assign ${resource}s to user ${ownerId}`, {
      resource,
      violations: [{ field: 'owner_id', code: 'incorrect_value', message: 'is not a user you may assign records to' }],
    });
  }
}
