import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { DomainError, ErrorKind, assertUnreachable, type DomainErrorDetails } from '@crm/errors';

/**
 * Binary trailer that carries the domain error (code, kind, details) as UTF-8 JSON next to the
 * gRPC status. It is binary (`-bin`) because details echo client input, which may hold any
 * Unicode, while text metadata admits printable ASCII only.
 */
export const ERROR_TRAILER = 'x-crm-error-bin';

/**
 * Upper bound of the serialized trailer. HTTP/2 peers refuse header blocks past a few tens of
 * kilobytes, and details that echo a megabyte of client input help nobody.
 */
export const MAX_ERROR_TRAILER_BYTES = 8 * 1024;
/** Longest string kept in details and in the status message, in characters. */
export const MAX_ERROR_STRING_CHARS = 1024;
const MAX_VIOLATIONS = 50;

export function kindToStatus(kind: ErrorKind): GrpcStatus {
  switch (kind) {
    case ErrorKind.InvalidArgument:
      return GrpcStatus.INVALID_ARGUMENT;
    case ErrorKind.NotFound:
      return GrpcStatus.NOT_FOUND;
    case ErrorKind.AlreadyExists:
      return GrpcStatus.ALREADY_EXISTS;
    case ErrorKind.Conflict:
      return GrpcStatus.ABORTED;
    case ErrorKind.PermissionDenied:
      return GrpcStatus.PERMISSION_DENIED;
    case ErrorKind.Unauthenticated:
      return GrpcStatus.UNAUTHENTICATED;
    case ErrorKind.FailedPrecondition:
      return GrpcStatus.FAILED_PRECONDITION;
    case ErrorKind.ResourceExhausted:
      return GrpcStatus.RESOURCE_EXHAUSTED;
    case ErrorKind.Unavailable:
      return GrpcStatus.UNAVAILABLE;
    case ErrorKind.Internal:
      return GrpcStatus.INTERNAL;
    default:
      return assertUnreachable(kind);
  }
}

export function statusToKind(code: GrpcStatus): ErrorKind {
  switch (code) {
    case GrpcStatus.INVALID_ARGUMENT:
    case GrpcStatus.OUT_OF_RANGE:
      return ErrorKind.InvalidArgument;
    case GrpcStatus.NOT_FOUND:
      return ErrorKind.NotFound;
    case GrpcStatus.ALREADY_EXISTS:
      return ErrorKind.AlreadyExists;
    case GrpcStatus.ABORTED:
      return ErrorKind.Conflict;
    case GrpcStatus.PERMISSION_DENIED:
      return ErrorKind.PermissionDenied;
    case GrpcStatus.UNAUTHENTICATED:
      return ErrorKind.Unauthenticated;
    case GrpcStatus.FAILED_PRECONDITION:
      return ErrorKind.FailedPrecondition;
    case GrpcStatus.RESOURCE_EXHAUSTED:
      return ErrorKind.ResourceExhausted;
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.DEADLINE_EXCEEDED:
      return ErrorKind.Unavailable;
    default:
      return ErrorKind.Internal;
  }
}

interface ErrorPayload {
  code: string;
  kind: ErrorKind;
  /** The status message in full Unicode; grpc-message itself is percent-encoded by grpc-js. */
  message?: string;
  details: DomainErrorDetails;
  errorId?: string;
}

/**
 * Converts a domain error to the status object grpc-js sends, with the domain error in a binary
 * trailer. Never throws, whatever the error holds: strings are made well-formed (grpc-js
 * percent-encodes the status message with encodeURI, which throws on a lone surrogate) and bounded.
 */
export function domainErrorToGrpc(error: DomainError, errorId?: string): Partial<ServiceError> {
  const metadata = new Metadata();
  const message = boundString(error.message);
  const payload: ErrorPayload = { code: error.code, kind: error.kind, message, details: boundDetails(error.details, MAX_ERROR_STRING_CHARS), ...(errorId ? { errorId } : {}) };
  let encoded = Buffer.from(JSON.stringify(payload), 'utf8');
  if (encoded.length > MAX_ERROR_TRAILER_BYTES) {
    encoded = Buffer.from(JSON.stringify({ ...payload, details: boundDetails(error.details, 64) }), 'utf8');
  }
  if (encoded.length > MAX_ERROR_TRAILER_BYTES) {
    encoded = Buffer.from(JSON.stringify({ ...payload, message: boundString(error.message, 256), details: boundDetails({ resource: error.details.resource, violations: error.details.violations?.slice(0, 1) }, 64) }), 'utf8');
  }
  metadata.set(ERROR_TRAILER, encoded);
  return { code: kindToStatus(error.kind), details: message, metadata };
}

/** Rebuilds the domain error on the client side of a call. */
export function domainErrorFromGrpc(error: ServiceError): DomainError {
  const raw = error.metadata?.get(ERROR_TRAILER)?.[0];
  if (Buffer.isBuffer(raw)) {
    try {
      const payload = JSON.parse(raw.toString('utf8')) as ErrorPayload;
      if (typeof payload.code === 'string' && Object.values(ErrorKind).includes(payload.kind)) {
        return new DomainError(payload.code, payload.kind, payload.message ?? error.details, payload.details ?? {});
      }
    } catch {
      // fall through to the status-only mapping
    }
  }
  return new DomainError(`GRPC_${GrpcStatus[error.code] ?? error.code}`, statusToKind(error.code), error.details || error.message);
}

/** A well-formed string of at most `max` characters (lone surrogates become U+FFFD). */
export function boundString(value: string, max = MAX_ERROR_STRING_CHARS): string {
  const wellFormed = value.toWellFormed();
  return wellFormed.length <= max ? wellFormed : `${wellFormed.slice(0, max - 1).toWellFormed()}…`;
}

function boundDetails(details: DomainErrorDetails, maxChars: number): DomainErrorDetails {
  return {
    ...(details.resource !== undefined ? { resource: boundString(details.resource, maxChars) } : {}),
    ...(details.violations
      ? { violations: details.violations.slice(0, MAX_VIOLATIONS).map((v) => ({ field: boundString(v.field, maxChars), code: v.code, message: boundString(v.message, maxChars) })) }
      : {}),
  };
}

export function isServiceError(e: unknown): e is ServiceError {
  return typeof e === 'object' && e !== null && 'code' in e && 'metadata' in e && typeof (e as ServiceError).code === 'number';
}
