import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../config/gateway.config';
import { CONFIG } from '../gateway.constants';
import { SellHttpError } from '../sell/sell-error';
import { RateLimiter } from './rate-limiter';

/**
 * The per-address limit of the links people follow from mail without an account (an invitation's
 * answer, an unsubscribe): one budget per client address across them, so guessing tokens is slow.
 */
@Injectable()
export class PublicLinkLimiter {
  private readonly perClient: RateLimiter;

  constructor(@Inject(CONFIG) config: GatewayConfig) {
    const r = config.captureRateLimit;
    this.perClient = new RateLimiter(r.perClientPerMinute / 60, r.perClientPerMinute);
  }

  /** Throws a 429 (JSON, with Retry-After) when the request's address has used its budget. */
  check(request: FastifyRequest, reply: FastifyReply): void {
    const quota = this.perClient.take(request.ip);
    if (!quota.allowed) {
      reply.type('application/json; charset=utf-8').header('Retry-After', String(quota.retryAfterSeconds));
      throw SellHttpError.rateLimited();
    }
  }
}
