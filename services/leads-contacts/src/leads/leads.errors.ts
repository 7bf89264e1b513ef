import { DomainError, ErrorKind, type DomainErrorDetails, type FieldViolation } from '@crm/errors';

export enum LeadsErrorCode {
  LeadNotFound = 'LEAD_NOT_FOUND',
  InvalidLead = 'INVALID_LEAD',
}

const KIND: Record<LeadsErrorCode, ErrorKind> = {
  [LeadsErrorCode.LeadNotFound]: ErrorKind.NotFound,
  [LeadsErrorCode.InvalidLead]: ErrorKind.InvalidArgument,
};

export class LeadsError extends DomainError<LeadsErrorCode> {
  constructor(code: LeadsErrorCode, message: string, details: DomainErrorDetails = {}) {
    super(code, KIND[code], message, details);
  }

  static notFound(id: string): LeadsError {
    return new LeadsError(LeadsErrorCode.LeadNotFound, `lead ${id} not found`, { resource: 'lead' });
  }

  static invalid(violations: FieldViolation[]): LeadsError {
    return new LeadsError(LeadsErrorCode.InvalidLead, violations.map((v) => `${v.field}: ${v.message}`).join('; '), { resource: 'lead', violations });
  }
}
