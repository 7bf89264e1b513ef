import { Injectable } from '@nestjs/common';
import { GrpcService, pageOf, type AnonymousAsyncService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type CalendarMessage as Req } from '@crm/proto';
import { CalendarFeeds } from '../calendars/calendar-feeds';
import { CalendarsService } from '../calendars/calendars.service';
import { InvitationAnswersService } from '../invitations/invitation-answers.service';
import type { AppointmentChanges } from './appointment-rules';
import { AppointmentsService, type AppointmentRequest } from './appointments.service';

type AppointmentInput = crm.calendar.v1.AppointmentInput;

/** The attributes the mask names, with null for one named but absent (cleared). */
function requestOf(input: AppointmentInput | undefined, mask: readonly string[]): AppointmentRequest {
  const i = input ?? { exdates: [], attendees: [] };
  const changes: AppointmentChanges = {};
  const request: AppointmentRequest = { changes };
  for (const path of mask) {
    switch (path) {
      case 'name': changes.name = i.name ?? null; break;
      case 'description': changes.description = i.description ?? null; break;
      case 'location': changes.location = i.location ?? null; break;
      case 'starts_at': changes.starts_at = i.startsAt ?? null; break;
      case 'ends_at': changes.ends_at = i.endsAt ?? null; break;
      case 'time_zone': changes.time_zone = i.timeZone ?? null; break;
      case 'all_day': changes.all_day = i.allDay ?? null; break;
      case 'recurrence': changes.recurrence = i.recurrence ?? null; break;
      case 'exdates': changes.exdates = i.exdates ?? []; break;
      case 'resource_type': changes.resource_type = i.resourceType ?? null; break;
      case 'resource_id': changes.resource_id = i.resourceId ?? null; break;
      case 'owner_id': changes.owner_id = i.ownerId ?? null; break;
      case 'reminder': changes.reminder = i.reminder ?? null; break;
      case 'attendees': request.attendees = (i.attendees ?? []).map((a) => ({ email: a.email ?? null, name: a.name ?? null, user_id: a.userId ?? null })); break;
      case 'calendar_id': if (i.calendarId !== undefined) request.calendarId = i.calendarId; break;
      case 'series_id': if (i.seriesId !== undefined) request.seriesId = i.seriesId; break;
      case 'recurrence_id': if (i.recurrenceId !== undefined) request.recurrenceId = i.recurrenceId; break;
      default: break;
    }
  }
  return request;
}

/** gRPC transport of appointments: translation only. */
@Injectable()
@GrpcService(crm.calendar.v1.AppointmentsServiceService)
export class AppointmentsGrpcController implements AsyncService<crm.calendar.v1.AppointmentsServiceServer> {
  constructor(private readonly appointments: AppointmentsService) {}

  async createAppointment(request: Req<'CreateAppointmentRequest'>, ctx: CallContext) {
    return { appointment: await this.appointments.create(ctx.principal, requestOf(request.appointment, request.mask ?? [])) };
  }

  async getAppointment(request: Req<'GetAppointmentRequest'>, ctx: CallContext) {
    return { appointment: await this.appointments.get(ctx.principal, request.id) };
  }

  async updateAppointment(request: Req<'UpdateAppointmentRequest'>, ctx: CallContext) {
    return { appointment: await this.appointments.update(ctx.principal, request.id, requestOf(request.appointment, request.updateMask ?? [])) };
  }

  async cancelAppointment(request: Req<'CancelAppointmentRequest'>, ctx: CallContext) {
    return { appointment: await this.appointments.cancel(ctx.principal, request.id) };
  }

  async importAppointments(request: Req<'ImportAppointmentsRequest'>, ctx: CallContext) {
    return this.appointments.importCalendar(ctx.principal, request.data);
  }

  async replyToAppointment(request: Req<'ReplyToAppointmentRequest'>, ctx: CallContext) {
    return { appointment: await this.appointments.reply(ctx.principal, request.id, request.status) };
  }

  async listAppointments(request: Req<'ListAppointmentsRequest'>, ctx: CallContext) {
    const appointments = await this.appointments.list(ctx.principal, {
      ...pageOf(request.page),
      ids: request.ids,
      ownerIds: request.ownerIds,
      ...(request.calendarId !== undefined ? { calendarId: request.calendarId } : {}),
      ...(request.resourceType !== undefined ? { resourceType: request.resourceType } : {}),
      ...(request.resourceId !== undefined ? { resourceId: request.resourceId } : {}),
      ...(request.status !== undefined ? { status: request.status } : {}),
      ...(request.from !== undefined ? { from: request.from } : {}),
      ...(request.to !== undefined ? { to: request.to } : {}),
      ...(request.query !== undefined ? { query: request.query } : {}),
      ...(request.attending !== undefined ? { attending: request.attending } : {}),
      sort: request.sort.map((s) => ({ field: s.field, descending: s.descending })),
    });
    return { appointments };
  }
}

/** gRPC transport of calendars: translation only. */
@Injectable()
@GrpcService(crm.calendar.v1.CalendarsServiceService)
export class CalendarsGrpcController implements AsyncService<crm.calendar.v1.CalendarsServiceServer> {
  constructor(private readonly calendars: CalendarsService) {}

  async listCalendars(request: Req<'ListCalendarsRequest'>, ctx: CallContext) {
    return { calendars: await this.calendars.list(ctx.principal, { ...pageOf(request.page), ownerIds: request.ownerIds }) };
  }

  async getCalendar(request: Req<'GetCalendarRequest'>, ctx: CallContext) {
    return { calendar: await this.calendars.get(ctx.principal, request.id) };
  }

  async connectCalendar(request: Req<'ConnectCalendarRequest'>, ctx: CallContext) {
    return {
      calendar: await this.calendars.connect(ctx.principal, {
        serverUrl: request.serverUrl, username: request.username, password: request.password, makeDefault: request.makeDefault,
        ...(request.calendarUrl !== undefined ? { calendarUrl: request.calendarUrl } : {}), ...(request.name !== undefined ? { name: request.name } : {}),
      }),
    };
  }

  async updateCalendar(request: Req<'UpdateCalendarRequest'>, ctx: CallContext) {
    return {
      calendar: await this.calendars.update(ctx.principal, request.id, {
        ...(request.name !== undefined ? { name: request.name } : {}), ...(request.makeDefault !== undefined ? { makeDefault: request.makeDefault } : {}),
        ...(request.username !== undefined ? { username: request.username } : {}), ...(request.password !== undefined ? { password: request.password } : {}),
      }),
    };
  }

  async deleteCalendar(request: Req<'DeleteCalendarRequest'>, ctx: CallContext) {
    await this.calendars.delete(ctx.principal, request.id);
    return {};
  }

  async syncCalendar(request: Req<'SyncCalendarRequest'>, ctx: CallContext) {
    return { calendar: await this.calendars.requestSync(ctx.principal, request.id) };
  }
}

/** gRPC transport of RSVP-link answers: translation only; anonymous, the token is the credential. */
@Injectable()
@GrpcService(crm.calendar.v1.InvitationAnswersServiceService, { anonymous: true })
export class InvitationAnswersGrpcController implements AnonymousAsyncService<crm.calendar.v1.InvitationAnswersServiceServer> {
  constructor(private readonly answers: InvitationAnswersService) {}

  async getInvitation(request: Req<'GetInvitationRequest'>) {
    return { invitation: await this.answers.get(request.token) };
  }

  async answerInvitation(request: Req<'AnswerInvitationRequest'>) {
    return { invitation: await this.answers.answer(request.token, request.status) };
  }
}

/** gRPC transport of calendar feeds: translation only. */
@Injectable()
@GrpcService(crm.calendar.v1.CalendarFeedServiceService)
export class CalendarFeedGrpcController implements AsyncService<crm.calendar.v1.CalendarFeedServiceServer> {
  constructor(private readonly feeds: CalendarFeeds) {}

  async getCalendarFeed(_request: Req<'GetCalendarFeedRequest'>, ctx: CallContext) {
    return { feed: await this.feeds.get(ctx.principal) };
  }

  async rotateCalendarFeed(_request: Req<'RotateCalendarFeedRequest'>, ctx: CallContext) {
    return this.feeds.rotate(ctx.principal);
  }

  async deleteCalendarFeed(_request: Req<'DeleteCalendarFeedRequest'>, ctx: CallContext) {
    await this.feeds.delete(ctx.principal);
    return {};
  }
}

/** gRPC transport of feed reads by token: translation only; anonymous. */
@Injectable()
@GrpcService(crm.calendar.v1.CalendarFeedReaderServiceService, { anonymous: true })
export class CalendarFeedReaderGrpcController implements AnonymousAsyncService<crm.calendar.v1.CalendarFeedReaderServiceServer> {
  constructor(private readonly feeds: CalendarFeeds) {}

  async readCalendarFeed(request: Req<'ReadCalendarFeedRequest'>) {
    return { calendar: await this.feeds.read(request.token) };
  }
}
