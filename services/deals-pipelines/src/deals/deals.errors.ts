import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum DealsErrorCode {
  DealNotFound = 'DEAL_NOT_FOUND',
  InvalidDeal = 'INVALID_DEAL',
  LeadNotFound = 'LEAD_NOT_FOUND',
  ConversionInProgress = 'CONVERSION_IN_PROGRESS',
}

export class DealsError extends DomainError<DealsErrorCode> {
  static notFound(id: string): DealsError {
    return new DealsError(DealsErrorCode.DealNotFound, ErrorKind.NotFound, `deal ${id} not found`, { resource: 'deal' });
  }

  /** The lead does not exist or the caller may not see it: both answer the same. */
  static leadNotFound(id: string): DealsError {
    return new DealsError(DealsErrorCode.LeadNotFound, ErrorKind.NotFound, `lead ${id} not found`, { resource: 'lead' });
  }

  /** Another caller's conversion of the same lead holds the deal reservation. */
  static conversionInProgress(): DealsError {
    return new DealsError(DealsErrorCode.ConversionInProgress, ErrorKind.Conflict, 'the lead is being converted by another request; retry later');
  }

  static invalid(violations: FieldViolation[]): DealsError {
    return new DealsError(DealsErrorCode.InvalidDeal, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'deal', violations });
  }
}
