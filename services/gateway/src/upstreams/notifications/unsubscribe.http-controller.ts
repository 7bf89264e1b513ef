import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { Public } from '../../auth/auth.guard';
import { PublicLinkLimiter } from '../../auth/public-link-limiter';
import { escapeHtml, htmlPage } from '../../sell/html-page';
import { Upstream } from '../../upstream';
import { NOTIFICATION_UNSUBSCRIBE_CLIENT } from './notifications.constants';

const describe = (text: string) => escapeHtml(text.charAt(0).toLowerCase() + text.slice(1));

/**
 * A notification mail's unsubscribe link: no account, the signed token is the credential. GET
 * shows a page with a button and changes nothing (mail scanners follow links); POST, from that
 * button or a mail client's one-click unsubscribe (RFC 8058, `List-Unsubscribe=One-Click`), stops
 * that type's mail for that user.
 */
@Public()
@Controller('public/notifications/unsubscribe')
export class UnsubscribeHttpController {
  constructor(
    @Inject(NOTIFICATION_UNSUBSCRIBE_CLIENT) private readonly client: crm.notifications.v1.NotificationUnsubscribeServiceClient,
    private readonly upstream: Upstream,
    private readonly limiter: PublicLinkLimiter,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    this.limiter.check(request, reply);
    reply.type('text/html; charset=utf-8');
    try {
      const res = await this.upstream.call(this.client, this.client.getUnsubscribe, { token }, undefined);
      const what = `mail when ${describe(res.description)}`;
      if (!res.emailOn) return htmlPage('Unsubscribed', `<h1>Unsubscribed</h1><p>You no longer get ${what}.</p>`);
      const button = `<form method="post" action="/public/notifications/unsubscribe/${encodeURIComponent(token)}"><button type="submit">Stop these emails</button></form>`;
      return htmlPage('Unsubscribe', `<h1>Unsubscribe</h1><p>Stop getting ${what}? Your other notifications stay as they are.</p>${button}`);
    } catch (e) {
      return this.notFoundPage(e, reply);
    }
  }

  @Post(':token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    this.limiter.check(request, reply);
    reply.type('text/html; charset=utf-8');
    try {
      const res = await this.upstream.call(this.client, this.client.unsubscribe, { token }, undefined);
      return htmlPage('Unsubscribed', `<h1>Unsubscribed</h1><p>You no longer get mail when ${describe(res.description)}. You can turn it on again in your notification settings.</p>`);
    } catch (e) {
      return this.notFoundPage(e, reply);
    }
  }


  /** A person followed the link: a token that names nothing is a page; anything else goes to the usual error handling. */
  private notFoundPage(e: unknown, reply: FastifyReply): string {
    if (!(e instanceof DomainError && e.kind === ErrorKind.NotFound)) {
      reply.type('application/json; charset=utf-8');
      throw e;
    }
    reply.status(404);
    return htmlPage('Link not valid', '<h1>Link not valid</h1><p>This unsubscribe link is not valid (it may be incomplete or out of date).</p>');
  }
}
