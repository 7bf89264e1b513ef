import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum DocumentsErrorCode {
  DocumentNotFound = 'DOCUMENT_NOT_FOUND',
  InvalidDocument = 'INVALID_DOCUMENT',
}

export class DocumentsError extends DomainError<DocumentsErrorCode> {
  static notFound(id: string): DocumentsError {
    return new DocumentsError(DocumentsErrorCode.DocumentNotFound, ErrorKind.NotFound, `document ${id} not found`, { resource: 'document' });
  }

  static invalid(violations: FieldViolation[]): DocumentsError {
    return new DocumentsError(DocumentsErrorCode.InvalidDocument, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'document', violations });
  }
}
