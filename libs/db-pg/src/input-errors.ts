import { DomainError, ErrorKind } from '@crm/errors';

/**
 * A value the database refused as data (SQLSTATE class 22: invalid text representation, a number
 * out of range, a NUL character, a bad date) came from the caller, so it is the caller's error, not
 * the server's. Validation in front of the database should catch these first; this is the net
 * under it, so that a missed case answers 422 instead of 500.
 */
export function databaseInputError(error: unknown): DomainError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^22[0-9A-Z]{3}$/.test(code)) return undefined;
  const message = error instanceof Error ? error.message : 'a value is not valid';
  return new DomainError('INVALID_VALUE', ErrorKind.InvalidArgument, `a value is not valid: ${message}`);
}
