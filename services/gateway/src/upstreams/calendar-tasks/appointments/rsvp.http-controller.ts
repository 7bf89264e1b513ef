import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, ErrorKind } from '@crm/errors';
import type { crm } from '@crm/proto';
import { Public } from '../../../auth/auth.guard';
import { PublicLinkLimiter } from '../../../auth/public-link-limiter';
import { escapeHtml, htmlPage } from '../../../sell/html-page';
import { parseSellBody } from '../../../sell/sell-body';
import { single } from '../../../sell/sell-envelope';
import { SellHttpError } from '../../../sell/sell-error';
import { sellTime } from '../../../sell/sell-record';
import { Upstream } from '../../../upstream';
import { INVITATION_ANSWERS_CLIENT } from '../calendar-tasks.constants';
import { ANSWERS } from './appointments.http-controllers';

export const RsvpAnswer = z.strictObject({ status: z.enum(ANSWERS) });
const LABELS: Record<string, string> = { accepted: 'Accept', tentative: 'Maybe', declined: 'Decline' };
const PAST: Record<string, string> = { accepted: 'accepted', tentative: 'answered maybe to', declined: 'declined', 'needs-action': 'not answered yet' };


function presentInvitation(i: crm.calendar.v1.Invitation) {
  return {
    name: i.name, location: i.location, starts_at: sellTime(i.startsAt), ends_at: sellTime(i.endsAt), time_zone: i.timeZone, all_day: i.allDay, recurrence: i.recurrence ?? null,
    organizer_name: i.organizerName, attendee_email: i.attendeeEmail, status: i.status, appointment_status: i.appointmentStatus,
  };
}

function invitationPage(i: crm.calendar.v1.Invitation, token: string, answered: boolean): string {
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: i.timeZone, dateStyle: 'full', ...(i.allDay ? {} : { timeStyle: 'short' }) }).format(i.startsAt);
  const head = `<h1>${escapeHtml(i.name)}</h1><p>${escapeHtml(when)} (${escapeHtml(i.timeZone)})${i.location ? `<br>${escapeHtml(i.location)}` : ''}</p><p>Organised by ${escapeHtml(i.organizerName || 'the organiser')}, for ${escapeHtml(i.attendeeEmail)}.</p>`;
  if (i.appointmentStatus === 'cancelled') return htmlPage(i.name, `${head}<p><strong>This appointment is cancelled.</strong></p>`);
  const state = answered ? `<p><strong>Thank you: you ${PAST[i.status] ?? i.status} this invitation.</strong></p>` : `<p>You have ${PAST[i.status] ?? i.status} this invitation.</p>`;
  // Buttons post, so that a mail scanner following the link answers nothing.
  const buttons = Object.entries(LABELS).map(([status, label]) => `<form method="post" action="/public/rsvp/${encodeURIComponent(token)}" style="display:inline"><input type="hidden" name="status" value="${status}"><button type="submit">${label}</button></form>`).join(' ');
  return htmlPage(i.name, `${head}${state}<p>${buttons}</p>`);
}

/**
 * The RSVP link of an invitation: no account; the signed token is the credential. GET shows the
 * invitation with Accept / Maybe / Decline buttons and changes nothing (mail scanners follow links);
 * POST records the answer (an HTML form, or JSON `{"data": {"status": ...}}` answered in JSON).
 */
@Public()
@Controller('public/rsvp')
export class RsvpHttpController {
  constructor(
    @Inject(INVITATION_ANSWERS_CLIENT) private readonly client: crm.calendar.v1.InvitationAnswersServiceClient,
    private readonly upstream: Upstream,
    private readonly limiter: PublicLinkLimiter,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    this.limiter.check(request, reply);
    try {
      const { invitation } = await this.upstream.call(this.client, this.client.getInvitation, { token }, undefined);
      reply.type('text/html; charset=utf-8');
      return invitationPage(invitation!, token, false);
    } catch (e) {
      return this.failurePage(e, reply);
    }
  }

  @Post(':token')
  @HttpCode(200)
  async answer(@Param('token') token: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    this.limiter.check(request, reply);
    const type = request.headers['content-type'] ?? '';
    if (type.startsWith('application/x-www-form-urlencoded')) {
      const parsed = RsvpAnswer.safeParse({ status: (body as { status?: unknown } | undefined)?.status });
      try {
        if (!parsed.success) throw SellHttpError.resource('invitation', [{ field: 'status', code: 'incorrect_value', message: 'must be accepted, declined or tentative' }]);
        const { invitation } = await this.upstream.call(this.client, this.client.answerInvitation, { token, status: parsed.data.status }, undefined);
        reply.type('text/html; charset=utf-8');
        return invitationPage(invitation!, token, true);
      } catch (e) {
        return this.failurePage(e, reply);
      }
    }
    if (body === undefined) throw SellHttpError.unsupportedMediaType('Send JSON or application/x-www-form-urlencoded.');
    const { status } = parseSellBody(body, RsvpAnswer, 'invitation');
    const { invitation } = await this.upstream.call(this.client, this.client.answerInvitation, { token, status }, undefined);
    return single('invitation', presentInvitation(invitation!));
  }


  /** A person followed the link: errors they can meet are a page, not JSON; anything else goes to the usual error handling. */
  private failurePage(e: unknown, reply: FastifyReply): string {
    const kind = e instanceof DomainError ? e.kind : e instanceof SellHttpError ? (e.status === 404 ? ErrorKind.NotFound : ErrorKind.InvalidArgument) : undefined;
    if (kind !== ErrorKind.NotFound && kind !== ErrorKind.InvalidArgument) throw e;
    reply.type('text/html; charset=utf-8').status(kind === ErrorKind.NotFound ? 404 : 422);
    return kind === ErrorKind.NotFound
      ? htmlPage('Invitation not found', '<h1>Invitation not found</h1><p>This link is not valid (it may be incomplete or out of date).</p>')
      : htmlPage('Answer not recorded', '<h1>Answer not recorded</h1><p>This appointment no longer takes answers (it may be cancelled).</p>');
  }
}
