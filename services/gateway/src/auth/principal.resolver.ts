import { Inject, Injectable } from '@nestjs/common';
import { AuthError, type AccessTokenVerifier } from '@crm/auth';
import { DomainError, ErrorKind } from '@crm/errors';
import { SellHttpError } from '../sell/sell-error';
import { TOKEN_VERIFIER } from '../gateway.constants';
import { ACCESS_TOKEN, CallerDirectory, type ResolvedCaller } from './caller.directory';

/**
 * Turns an Authorization header into the caller. Two kinds of Bearer token are accepted: a
 * Keycloak access token (a JWT, verified against the realm's keys) and a personal access token
 * (64 hexadecimal characters, as Sell's clients require). Either way the directory says who the
 * caller is now: active or not, role, and the owners whose records they see (user: self; manager:
 * self and direct reports; admin: the whole tenant).
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    private readonly callers: CallerDirectory,
  ) {}

  async resolve(authorization: string | undefined): Promise<ResolvedCaller> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw SellHttpError.unauthorized();
    const token = match[1]!;
    if (ACCESS_TOKEN.test(token)) return this.callers.accessToken(token).catch(asAuthError);
    let verified;
    try {
      verified = await this.verifier.verify(token);
    } catch (e) {
      if (e instanceof AuthError && e.kind === ErrorKind.PermissionDenied) throw SellHttpError.forbidden(e.message);
      throw SellHttpError.unauthorized();
    }
    return this.callers.user(verified.tenantId, verified.userId, verified.subject).catch(asAuthError);
  }
}

/** The directory's "no such caller" is a 401; its being unreachable stays a 503. */
function asAuthError(e: unknown): never {
  if (e instanceof DomainError && (e.kind === ErrorKind.Unauthenticated || e.kind === ErrorKind.NotFound || e.kind === ErrorKind.InvalidArgument)) throw SellHttpError.unauthorized();
  throw e;
}
