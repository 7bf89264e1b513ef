/**
 * How a failure reads to a caller, independent of transport. Each service maps its own
 * error codes to one of these once; gRPC and HTTP then map kinds to their status spaces once.
 */
export enum ErrorKind {
  InvalidArgument = 'invalid_argument',
  NotFound = 'not_found',
  AlreadyExists = 'already_exists',
  /** The request is valid but the current state forbids it (e.g. deleting something in use). */
  Conflict = 'conflict',
  PermissionDenied = 'permission_denied',
  Unauthenticated = 'unauthenticated',
  FailedPrecondition = 'failed_precondition',
  ResourceExhausted = 'resource_exhausted',
  Unavailable = 'unavailable',
  Internal = 'internal',
}

/** One problem with one input field, reported to API clients as one Sell error item. */
export interface FieldViolation {
  /** Attribute path as the client wrote it, e.g. `last_name` or `custom_fields.Budget`. */
  field: string;
  /** Sell resource error code: `missing`, `blank`, `invalid_type`, `incorrect_value`, `unknown`, `already_exists`. */
  code: string;
  message: string;
}

export interface DomainErrorDetails {
  resource?: string;
  violations?: FieldViolation[];
}

/** Base class of every business error; `code` is the service's own enum value. */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly kind: ErrorKind,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One line naming every violation, for logs and error messages: `field: message; ...`. */
export function describeViolations(violations: readonly FieldViolation[]): string {
  return violations.map((v) => `${v.field}: ${v.message}`).join('; ');
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
