import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum CaptureFormsErrorCode {
  FormNotFound = 'CAPTURE_FORM_NOT_FOUND',
  InvalidForm = 'INVALID_CAPTURE_FORM',
  InvalidSubmission = 'INVALID_SUBMISSION',
  AdminOnly = 'CAPTURE_FORMS_ADMIN_ONLY',
  NameTaken = 'CAPTURE_FORM_NAME_TAKEN',
}

export class CaptureFormsError extends DomainError<CaptureFormsErrorCode> {
  static notFound(what: string): CaptureFormsError {
    return new CaptureFormsError(CaptureFormsErrorCode.FormNotFound, ErrorKind.NotFound, `capture form ${what} not found`, { resource: 'capture_form' });
  }

  static invalid(violations: FieldViolation[]): CaptureFormsError {
    return new CaptureFormsError(CaptureFormsErrorCode.InvalidForm, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'capture_form', violations });
  }

  static invalidSubmission(violations: FieldViolation[]): CaptureFormsError {
    return new CaptureFormsError(CaptureFormsErrorCode.InvalidSubmission, ErrorKind.InvalidArgument, describeViolations(violations), { resource: 'submission', violations });
  }

  static adminOnly(): CaptureFormsError {
    return new CaptureFormsError(CaptureFormsErrorCode.AdminOnly, ErrorKind.PermissionDenied, 'only admins manage capture forms', { resource: 'capture_form' });
  }

  static nameTaken(name: string): CaptureFormsError {
    return new CaptureFormsError(CaptureFormsErrorCode.NameTaken, ErrorKind.AlreadyExists, `a capture form named ${name} exists`, {
      resource: 'capture_form',
      violations: [{ field: 'name', code: 'already_exists', message: 'is used by another capture form' }],
    });
  }
}
