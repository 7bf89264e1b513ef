import { DomainError, ErrorKind } from '@crm/errors';

export enum ReferenceListsErrorCode {
  ItemNotFound = 'REFERENCE_ITEM_NOT_FOUND',
  InvalidItem = 'INVALID_REFERENCE_ITEM',
  NameTaken = 'REFERENCE_ITEM_NAME_TAKEN',
  ItemInUse = 'REFERENCE_ITEM_IN_USE',
  AdminOnly = 'REFERENCE_LIST_ADMIN_ONLY',
}

const KIND: Record<ReferenceListsErrorCode, ErrorKind> = {
  [ReferenceListsErrorCode.ItemNotFound]: ErrorKind.NotFound,
  [ReferenceListsErrorCode.InvalidItem]: ErrorKind.InvalidArgument,
  [ReferenceListsErrorCode.NameTaken]: ErrorKind.AlreadyExists,
  [ReferenceListsErrorCode.ItemInUse]: ErrorKind.Conflict,
  [ReferenceListsErrorCode.AdminOnly]: ErrorKind.PermissionDenied,
};

export class ReferenceListsError extends DomainError<ReferenceListsErrorCode> {
  constructor(code: ReferenceListsErrorCode, message: string, resource: string, field?: string) {
    super(code, KIND[code], message, { resource, ...(field ? { violations: [{ field, code: code === ReferenceListsErrorCode.NameTaken ? 'already_exists' : 'incorrect_value', message }] } : {}) });
  }
}
