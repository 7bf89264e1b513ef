import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum CollaborationsErrorCode {
  NotFound = 'COLLABORATION_NOT_FOUND',
  Invalid = 'INVALID_COLLABORATION',
  Exists = 'COLLABORATION_EXISTS',
  NotAllowed = 'COLLABORATION_NOT_ALLOWED',
  CollaboratorOnly = 'RECORD_COLLABORATOR_ONLY',
}

export class CollaborationsError extends DomainError<CollaborationsErrorCode> {
  static notFound(id: string): CollaborationsError {
    return new CollaborationsError(CollaborationsErrorCode.NotFound, ErrorKind.NotFound, `collaboration ${id} not found`, { resource: 'collaboration' });
  }

  static invalid(violations: FieldViolation[]): CollaborationsError {
    return new CollaborationsError(CollaborationsErrorCode.Invalid, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'collaboration', violations });
  }

  static exists(type: string): CollaborationsError {
    const message = `the user collaborates on this ${type} already`;
    return new CollaborationsError(CollaborationsErrorCode.Exists, ErrorKind.AlreadyExists, message, { resource: 'collaboration', violations: [{ field: 'collaborator_id', code: 'already_exists', message }] });
  }

  static notAllowed(): CollaborationsError {
    return new CollaborationsError(CollaborationsErrorCode.NotAllowed, ErrorKind.PermissionDenied, 'only those who see the record by its owner, and the collaborator themself, remove a collaboration', { resource: 'collaboration' });
  }

  /** The caller collaborates on the record but does not see it by its owner. */
  static collaboratorOnly(type: string, id: string): CollaborationsError {
    return new CollaborationsError(CollaborationsErrorCode.CollaboratorOnly, ErrorKind.PermissionDenied, `collaborators of ${type} ${id} may not delete it or change its owner or collaborators`, { resource: type });
  }
}
