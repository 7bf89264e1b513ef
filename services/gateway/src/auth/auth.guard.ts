import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@crm/auth';
import type { GatewayConfig } from '../config/gateway.config';
import { CONFIG } from '../gateway.constants';
import { SellHttpError } from '../sell/sell-error';
import { PrincipalResolver } from './principal.resolver';
import { RateLimiter } from './rate-limiter';

const PUBLIC = 'crm:public';
/** Marks a route that needs no access token (health, OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC, true);

const READ_ONLY = 'crm:read-only';
/** Marks a POST that changes no CRM data (the Sync API's session and acknowledgements): the `read` scope suffices. */
export const ReadOnly = () => SetMetadata(READ_ONLY, true);

type AuthedRequest = FastifyRequest & { principal?: Principal };

/** What an access token with only the `read` scope may do. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Authenticates every non-public route and applies the per-token rate limit. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
    @Inject(CONFIG) config: GatewayConfig,
  ) {
    this.limiter = new RateLimiter(config.rateLimit.perSecond, config.rateLimit.burst);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const caller = await this.resolver.resolve(request.headers.authorization);
    const reads = READS.has(request.method) || this.reflector.getAllAndOverride<boolean>(READ_ONLY, [context.getHandler(), context.getClass()]);
    if (caller.scopes && !caller.scopes.includes('write') && !reads) throw SellHttpError.insufficientScope('write');
    const quota = this.limiter.take(`${caller.principal.tenantId}:${caller.subject}`);
    reply.header('X-RateLimit-Limit', String(this.limiter.limit));
    reply.header('X-RateLimit-Remaining', String(quota.remaining));
    if (!quota.allowed) {
      reply.header('Retry-After', String(quota.retryAfterSeconds));
      throw SellHttpError.rateLimited();
    }
    request.principal = caller.principal;
    return true;
  }
}

/** The caller resolved by AuthGuard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw SellHttpError.unauthorized();
  return principal;
});
