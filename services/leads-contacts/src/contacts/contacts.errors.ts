import { describeViolations, DomainError, ErrorKind, type DomainErrorDetails, type FieldViolation } from '@crm/errors';

export enum ContactsErrorCode {
  ContactNotFound = 'CONTACT_NOT_FOUND',
  InvalidContact = 'INVALID_CONTACT',
}

const KIND: Record<ContactsErrorCode, ErrorKind> = {
  [ContactsErrorCode.ContactNotFound]: ErrorKind.NotFound,
  [ContactsErrorCode.InvalidContact]: ErrorKind.InvalidArgument,
};

export class ContactsError extends DomainError<ContactsErrorCode> {
  constructor(code: ContactsErrorCode, message: string, details: DomainErrorDetails = {}) {
    super(code, KIND[code], message, { resource: 'contact', ...details });
  }

  static notFound(id: string): ContactsError {
    return new ContactsError(ContactsErrorCode.ContactNotFound, `contact ${id} not found`);
  }

  static invalid(violations: FieldViolation[]): ContactsError {
    return new ContactsError(ContactsErrorCode.InvalidContact, describeViolations(violations), { violations });
  }
}
