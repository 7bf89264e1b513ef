import { DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum CustomFieldsErrorCode {
  FieldNotFound = 'CUSTOM_FIELD_NOT_FOUND',
  InvalidField = 'INVALID_CUSTOM_FIELD',
  NameTaken = 'CUSTOM_FIELD_NAME_TAKEN',
  OptionInUse = 'CUSTOM_FIELD_OPTION_IN_USE',
  AdminOnly = 'CUSTOM_FIELDS_ADMIN_ONLY',
}

const KIND: Record<CustomFieldsErrorCode, ErrorKind> = {
  [CustomFieldsErrorCode.FieldNotFound]: ErrorKind.NotFound,
  [CustomFieldsErrorCode.InvalidField]: ErrorKind.InvalidArgument,
  [CustomFieldsErrorCode.NameTaken]: ErrorKind.AlreadyExists,
  [CustomFieldsErrorCode.OptionInUse]: ErrorKind.Conflict,
  [CustomFieldsErrorCode.AdminOnly]: ErrorKind.PermissionDenied,
};

export class CustomFieldsError extends DomainError<CustomFieldsErrorCode> {
  constructor(code: CustomFieldsErrorCode, message: string, violations?: FieldViolation[]) {
    super(code, KIND[code], message, { resource: 'custom_field', ...(violations ? { violations } : {}) });
  }
}
