import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum DataJobsErrorCode {
  JobNotFound = 'DATA_JOB_NOT_FOUND',
  InvalidJob = 'INVALID_DATA_JOB',
  WrongState = 'DATA_JOB_WRONG_STATE',
}

export class DataJobsError extends DomainError<DataJobsErrorCode> {
  static notFound(kind: string, id: string): DataJobsError {
    return new DataJobsError(DataJobsErrorCode.JobNotFound, ErrorKind.NotFound, `${kind} ${id} not found`, { resource: kind });
  }

  static invalid(kind: string, violations: FieldViolation[]): DataJobsError {
    return new DataJobsError(DataJobsErrorCode.InvalidJob, ErrorKind.InvalidArgument, describeViolations(violations), { resource: kind, violations });
  }

  static wrongState(kind: string, message: string): DataJobsError {
    return new DataJobsError(DataJobsErrorCode.WrongState, ErrorKind.Conflict, message, { resource: kind });
  }
}

/** A runner's lease on a job ran out and another runner took the job over. */
export class LostLeaseError extends Error {}
