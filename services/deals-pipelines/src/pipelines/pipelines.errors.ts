import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum PipelinesErrorCode {
  NotFound = 'PIPELINE_NOT_FOUND',
  Invalid = 'INVALID_PIPELINE',
  AdminOnly = 'PIPELINES_ADMIN_ONLY',
}

export class PipelinesError extends DomainError<PipelinesErrorCode> {
  static notFound(resource: 'pipeline' | 'stage', id: string): PipelinesError {
    return new PipelinesError(PipelinesErrorCode.NotFound, ErrorKind.NotFound, `${resource} ${id} not found`, { resource });
  }

  static invalid(resource: 'pipeline' | 'stage', violations: FieldViolation[]): PipelinesError {
    return new PipelinesError(PipelinesErrorCode.Invalid, ErrorKind.InvalidArgument, describeViolations(violations), { resource, violations });
  }

  static adminOnly(resource: 'pipeline' | 'stage'): PipelinesError {
    return new PipelinesError(PipelinesErrorCode.AdminOnly, ErrorKind.PermissionDenied, `only admins change ${resource}s`, { resource });
  }
}
