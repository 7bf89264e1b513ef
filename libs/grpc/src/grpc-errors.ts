import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { DomainError, ErrorKind, assertUnreachable, type DomainErrorDetails } from '@crm/errors';

/** Trailer that carries the domain error (code, kind, details) next to the gRPC status. */
export const ERROR_TRAILER = 'x-crm-error';

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
  details: DomainErrorDetails;
  errorId?: string;
}

/** Converts a domain error to the status object grpc-js sends, with the domain code in a trailer. */
export function domainErrorToGrpc(error: DomainError, errorId?: string): Partial<ServiceError> {
  const metadata = new Metadata();
  const payload: ErrorPayload = { code: error.code, kind: error.kind, details: error.details, ...(errorId ? { errorId } : {}) };
  metadata.set(ERROR_TRAILER, JSON.stringify(payload));
  return { code: kindToStatus(error.kind), details: error.message, metadata };
}

/** Rebuilds the domain error on the client side of a call. */
export function domainErrorFromGrpc(error: ServiceError): DomainError {
  const raw = error.metadata?.get(ERROR_TRAILER)?.[0];
  if (typeof raw === 'string') {
    try {
      const payload = JSON.parse(raw) as ErrorPayload;
      return new DomainError(payload.code, payload.kind, error.details, payload.details ?? {});
    } catch {
      // fall through to the status-only mapping
    }
  }
  return new DomainError(`GRPC_${GrpcStatus[error.code] ?? error.code}`, statusToKind(error.code), error.details || error.message);
}

export function isServiceError(e: unknown): e is ServiceError {
  return typeof e === 'object' && e !== null && 'code' in e && 'metadata' in e && typeof (e as ServiceError).code === 'number';
}
