import { describeViolations, DomainError, ErrorKind, type DomainErrorDetails, type FieldViolation } from '@crm/errors';

export enum LeadsErrorCode {
  LeadNotFound = 'LEAD_NOT_FOUND',
  InvalidLead = 'INVALID_LEAD',
  LeadConverted = 'LEAD_CONVERTED',
}

const KIND: Record<LeadsErrorCode, ErrorKind> = {
  [LeadsErrorCode.LeadNotFound]: ErrorKind.NotFound,
  [LeadsErrorCode.InvalidLead]: ErrorKind.InvalidArgument,
  [LeadsErrorCode.LeadConverted]: ErrorKind.FailedPrecondition,
};

export class LeadsError extends DomainError<LeadsErrorCode> {
  constructor(code: LeadsErrorCode, message: string, details: DomainErrorDetails = {}) {
    super(code, KIND[code], message, details);
  }

  static notFound(id: string): LeadsError {
    return new LeadsError(LeadsErrorCode.LeadNotFound, `lead ${id} not found`, { resource: 'lead' });
  }

  static converted(id: string): LeadsError {
    return new LeadsError(LeadsErrorCode.LeadConverted, `lead ${id} was converted and cannot change`, {
      resource: 'lead',
      violations: [{ field: 'id', code: 'incorrect_value', message: 'the lead was converted; conversion is one-way' }],
    });
  }

  static invalid(violations: FieldViolation[]): LeadsError {
    return new LeadsError(LeadsErrorCode.InvalidLead, describeViolations(violations), { resource: 'lead', violations });
  }
}
