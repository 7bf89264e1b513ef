import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

/** Errors of calls, text messages and visits; each names its resource. */
export class ActivitiesError extends DomainError {
  static notFound(resource: 'call' | 'text_message', id: string): ActivitiesError {
    return new ActivitiesError(`${resource.toUpperCase()}_NOT_FOUND`, ErrorKind.NotFound, `${resource.replace('_', ' ')} ${id} not found`, { resource });
  }

  static invalid(resource: 'call' | 'text_message' | 'visit', violations: FieldViolation[]): ActivitiesError {
    return new ActivitiesError(`INVALID_${resource.toUpperCase()}`, ErrorKind.InvalidArgument, describeViolations(violations), { resource, violations });
  }
}
