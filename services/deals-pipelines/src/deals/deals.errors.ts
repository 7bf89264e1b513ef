import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum DealsErrorCode {
  DealNotFound = 'DEAL_NOT_FOUND',
  InvalidDeal = 'INVALID_DEAL',
}

export class DealsError extends DomainError<DealsErrorCode> {
  static notFound(id: string): DealsError {
    return new DealsError(DealsErrorCode.DealNotFound, ErrorKind.NotFound, `deal ${id} not found`, { resource: 'deal' });
  }

  static invalid(violations: FieldViolation[]): DealsError {
    return new DealsError(DealsErrorCode.InvalidDeal, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'deal', violations });
  }
}
