import { Inject, Injectable } from '@nestjs/common';
import { AuthError, type AccessTokenVerifier, type KeycloakUserDirectory, type Principal } from '@crm/auth';
import { ErrorKind } from '@crm/errors';
import { SellHttpError } from '../sell/sell-error';
import { TOKEN_VERIFIER, USER_DIRECTORY } from '../gateway.constants';

export interface ResolvedCaller {
  principal: Principal;
  subject: string;
}

/**
 * Turns an Authorization header into the caller: verified token, tenant, role, and the owner ids
 * the caller may see (user: self; manager: self and direct reports; admin: the whole tenant).
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    @Inject(USER_DIRECTORY) private readonly directory: KeycloakUserDirectory,
  ) {}

  async resolve(authorization: string | undefined): Promise<ResolvedCaller> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw SellHttpError.unauthorized();
    let token;
    try {
      token = await this.verifier.verify(match[1]!);
    } catch (e) {
      if (e instanceof AuthError && e.kind === ErrorKind.PermissionDenied) throw SellHttpError.forbidden(e.message);
      throw SellHttpError.unauthorized();
    }
    let visibleOwnerIds: Principal['visibleOwnerIds'];
    if (token.role === 'admin') visibleOwnerIds = 'all';
    else if (token.role === 'manager') visibleOwnerIds = [token.userId, ...(await this.directory.directReports(token.tenantId, token.userId)).filter((id) => id !== token.userId)];
    else visibleOwnerIds = [token.userId];
    return { subject: token.subject, principal: { tenantId: token.tenantId, userId: token.userId, role: token.role, visibleOwnerIds } };
  }
}
