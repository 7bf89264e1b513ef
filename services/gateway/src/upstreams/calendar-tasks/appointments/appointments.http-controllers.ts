import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody, pathId, sellDateTime, sellId, sellOptionalRef } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { toMaskedInput } from '../../../sell/sell-record-input';
import { Public } from '../../../auth/auth.guard';
import { readRawBody } from '../../../sell/raw-body';
import { SellHttpError } from '../../../sell/sell-error';
import { Upstream } from '../../../upstream';
import { APPOINTMENTS_CLIENT, CALENDAR_FEED_CLIENT, CALENDAR_FEED_READER_CLIENT, CALENDARS_CLIENT } from '../calendar-tasks.constants';
import { REMINDER_PRESETS } from '../tasks/tasks.http-controller';
import { presentAppointment, presentCalendar } from './appointment.presenters';
import { sellTime } from '../../../sell/sell-record';

const ignored = z.unknown().optional();

export const APPOINTMENT_RESOURCE_TYPES = ['lead', 'contact', 'deal'] as const;
export const APPOINTMENT_SORT_FIELDS = ['id', 'name', 'starts_at', 'ends_at', 'owner_id', 'created_at', 'updated_at'] as const;
export const ANSWERS = ['accepted', 'declined', 'tentative'] as const;

const AttendeeWrite = z
  .strictObject({
    email: z.string().max(320).nullable().optional(),
    name: z.string().max(255).nullable().optional(),
    user_id: sellId.nullable().optional(),
    status: ignored,
    responded_at: ignored,
  })
  .transform((a) => ({ ...(a.email ? { email: a.email } : {}), ...(a.name ? { name: a.name } : {}), ...(a.user_id ? { userId: a.user_id } : {}) }));

/** The writable attributes of an appointment, and the read-only ones a client echoes back. */
export const AppointmentWrite = z.strictObject({
  name: z.string().max(255).nullable().optional(),
  description: z.string().max(10_000).nullable().optional(),
  location: z.string().max(1_000).nullable().optional(),
  starts_at: sellDateTime.nullable().optional(),
  ends_at: sellDateTime.nullable().optional(),
  time_zone: z.string().max(64).nullable().optional(),
  all_day: z.boolean().nullable().optional(),
  recurrence: z.string().max(500).nullable().optional(),
  exdates: z.array(sellDateTime).max(1_000).nullable().optional(),
  resource_type: z.enum(APPOINTMENT_RESOURCE_TYPES).nullable().optional(),
  resource_id: sellOptionalRef,
  owner_id: sellId.nullable().optional(),
  calendar_id: sellId.nullable().optional(),
  reminder: z.enum(REMINDER_PRESETS).nullable().optional(),
  attendees: z.array(AttendeeWrite).max(100).nullable().optional(),
  series_id: sellId.nullable().optional(),
  recurrence_id: sellDateTime.nullable().optional(),
  id: ignored,
  creator_id: ignored,
  status: ignored,
  editable: ignored,
  uid: ignored,
  sequence: ignored,
  created_at: ignored,
  updated_at: ignored,
});

export const AppointmentReply = z.strictObject({ status: z.enum(ANSWERS) });

const calendarIgnored = { id: ignored, owner_id: ignored, kind: ignored, server_url: ignored, calendar_url: ignored, sync_status: ignored, sync_error: ignored, last_synced_at: ignored, sync_pending: ignored, created_at: ignored, updated_at: ignored };

/** Connecting a CalDAV calendar: the server, the user's credentials, optionally which calendar of the account. */
export const CalendarConnect = z.strictObject({
  server_url: z.string().min(1).max(2048),
  username: z.string().min(1).max(255),
  password: z.string().min(1).max(1024),
  calendar_url: z.string().min(1).max(2048).optional(),
  name: z.string().min(1).max(255).optional(),
  default: z.boolean().optional(),
});

/** Changing a calendar: its name, making it the default, new credentials. */
export const CalendarUpdate = z.strictObject({
  name: z.string().min(1).max(255).optional(),
  default: z.boolean().optional(),
  username: z.string().min(1).max(255).optional(),
  password: z.string().min(1).max(1024).optional(),
  ...calendarIgnored,
});

export const ICS_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const READ_ONLY = new Set(['id', 'creator_id', 'status', 'editable', 'uid', 'sequence', 'created_at', 'updated_at']);
/** Attributes a change of an existing appointment leaves alone (they only name an occurrence on create). */
const CREATE_ONLY = new Set([...READ_ONLY, 'series_id', 'recurrence_id']);

function toAppointmentInput(data: z.infer<typeof AppointmentWrite>, mode: 'create' | 'update') {
  const { input, paths } = toMaskedInput(data, mode, mode === 'create' ? READ_ONLY : CREATE_ONLY);
  // An explicit empty list clears the attendees or EXDATEs on update, as null does.
  return { input: { exdates: [], attendees: [], ...input } as crm.calendar.v1.AppointmentInput, paths };
}

/** `/v2/appointments`, served by calendar-tasks (Sell's conventions; its public API has none). */
@Controller('v2/appointments')
export class AppointmentsHttpController {
  constructor(
    @Inject(APPOINTMENTS_CLIENT) private readonly client: crm.calendar.v1.AppointmentsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const ownerId = q.id('owner_id');
    const request = {
      page: { page, perPage },
      ids: q.ids('ids') ?? [],
      calendarId: q.id('calendar_id'),
      ownerIds: ownerId ? [ownerId] : [],
      resourceType: q.oneOf('resource_type', APPOINTMENT_RESOURCE_TYPES),
      resourceId: q.id('resource_id'),
      status: q.oneOf('status', ['confirmed', 'cancelled'] as const),
      from: q.time('from'),
      to: q.time('to'),
      query: q.string('q'),
      attending: q.bool('attending'),
      sort: q.sort('sort_by', APPOINTMENT_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const { appointments } = await this.upstream.call(this.client, this.client.listAppointments, request, principal).catch(asQueryError);
    return collection('appointment', appointments.map((a) => ({ data: presentAppointment(a) })), pageLinks('/v2/appointments', q.normalised(), page, perPage, appointments.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { input, paths } = toAppointmentInput(parseSellBody(body, AppointmentWrite, 'appointment'), 'create');
    const { appointment } = await this.upstream.call(this.client, this.client.createAppointment, { appointment: input, mask: paths }, principal);
    return single('appointment', presentAppointment(appointment!));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { appointment } = await this.upstream.call(this.client, this.client.getAppointment, { id: pathId(id, 'appointment') }, principal);
    return single('appointment', presentAppointment(appointment!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'appointment');
    const { input, paths } = toAppointmentInput(parseSellBody(body, AppointmentWrite, 'appointment'), 'update');
    const { appointment } = await this.upstream.call(this.client, this.client.updateAppointment, { id: valid, appointment: input, updateMask: paths }, principal);
    return single('appointment', presentAppointment(appointment!));
  }

  /** Cancels: the appointment stays readable with status cancelled, and attendees are told. */
  @Delete(':id')
  @HttpCode(204)
  async cancel(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.cancelAppointment, { id: pathId(id, 'appointment') }, principal);
  }

  /** Imports an iCalendar file (text/calendar, at most 5 MB) into the caller's default calendar; each event on its own. */
  @Post('import')
  @HttpCode(200)
  async import(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    const type = request.headers['content-type'] ?? '';
    if (!/^(text\/calendar|application\/ics)\b/i.test(type)) throw SellHttpError.unsupportedMediaType('Send the file as text/calendar.');
    const { content } = await readRawBody(request, ICS_IMPORT_MAX_BYTES);
    const { created, errors } = await this.upstream.call(this.client, this.client.importAppointments, { data: content.toString('utf8') }, principal);
    return {
      data: {
        created: created.map(presentAppointment),
        errors: errors.map((e) => ({ index: e.index, uid: e.uid, field: e.field, code: e.code, message: e.message })),
      },
      meta: { type: 'appointment_import' },
    };
  }

  @Post(':id/reply')
  @HttpCode(200)
  async reply(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'appointment');
    const { status } = parseSellBody(body, AppointmentReply, 'appointment');
    const { appointment } = await this.upstream.call(this.client, this.client.replyToAppointment, { id: valid, status }, principal);
    return single('appointment', presentAppointment(appointment!));
  }
}

/** `/v2/calendars`: the caller's calendars (or those of the owners they see). */
@Controller('v2/calendars')
export class CalendarsHttpController {
  constructor(
    @Inject(CALENDARS_CLIENT) private readonly client: crm.calendar.v1.CalendarsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const ownerId = q.id('owner_id');
    q.assertNoUnknown();
    const { calendars } = await this.upstream.call(this.client, this.client.listCalendars, { page: { page, perPage }, ownerIds: ownerId ? [ownerId] : [] }, principal).catch(asQueryError);
    return collection('calendar', calendars.map((c) => ({ data: presentCalendar(c) })), pageLinks('/v2/calendars', q.normalised(), page, perPage, calendars.length === perPage));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { calendar } = await this.upstream.call(this.client, this.client.getCalendar, { id: pathId(id, 'calendar') }, principal);
    return single('calendar', presentCalendar(calendar!));
  }

  /** Connects one of the caller's CalDAV calendars; the credentials are checked with the server now. */
  @Post()
  @HttpCode(200)
  async connect(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const data = parseSellBody(body, CalendarConnect, 'calendar');
    const request = {
      serverUrl: data.server_url, username: data.username, password: data.password, makeDefault: data.default === true,
      ...(data.calendar_url !== undefined ? { calendarUrl: data.calendar_url } : {}), ...(data.name !== undefined ? { name: data.name } : {}),
    };
    const { calendar } = await this.upstream.call(this.client, this.client.connectCalendar, request, principal);
    return single('calendar', presentCalendar(calendar!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'calendar');
    const data = parseSellBody(body, CalendarUpdate, 'calendar');
    const request = {
      id: valid, ...(data.name !== undefined ? { name: data.name } : {}), ...(data.default !== undefined ? { makeDefault: data.default } : {}),
      ...(data.username !== undefined ? { username: data.username } : {}), ...(data.password !== undefined ? { password: data.password } : {}),
    };
    const { calendar } = await this.upstream.call(this.client, this.client.updateCalendar, request, principal);
    return single('calendar', presentCalendar(calendar!));
  }

  /** Disconnects a CalDAV calendar; the server keeps its data. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteCalendar, { id: pathId(id, 'calendar') }, principal);
  }

  /** Asks for a sync now; it runs within a poll of a replica (see sync_status and last_synced_at). */
  @Post(':id/sync')
  @HttpCode(202)
  async sync(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { calendar } = await this.upstream.call(this.client, this.client.syncCalendar, { id: pathId(id, 'calendar') }, principal);
    return single('calendar', presentCalendar(calendar!));
  }
}

function presentFeed(f: crm.calendar.v1.CalendarFeed, token?: string) {
  return { owner_id: Number(f.ownerId), created_at: sellTime(f.createdAt), ...(token ? { url: `/public/calendar_feeds/${token}`, token } : {}) };
}

/** `/v2/calendar_feed`: the caller's iCalendar feed, a secret URL calendars subscribe to. */
@Controller('v2/calendar_feed')
export class CalendarFeedHttpController {
  constructor(
    @Inject(CALENDAR_FEED_CLIENT) private readonly client: crm.calendar.v1.CalendarFeedServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async get(@CurrentPrincipal() principal: Principal) {
    const { feed } = await this.upstream.call(this.client, this.client.getCalendarFeed, {}, principal);
    return single('calendar_feed', presentFeed(feed!));
  }

  /** Makes the feed or gives it a new secret URL (the old one stops working); this answer is the only place the URL appears. */
  @Post()
  @HttpCode(200)
  async rotate(@CurrentPrincipal() principal: Principal) {
    const { feed, token } = await this.upstream.call(this.client, this.client.rotateCalendarFeed, {}, principal);
    return single('calendar_feed', presentFeed(feed!, token));
  }

  @Delete()
  @HttpCode(204)
  async revoke(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteCalendarFeed, {}, principal);
  }
}

/** The feed itself, for calendar apps: no token header; the secret URL is the credential. */
@Public()
@Controller('public/calendar_feeds')
export class CalendarFeedReaderHttpController {
  constructor(
    @Inject(CALENDAR_FEED_READER_CLIENT) private readonly client: crm.calendar.v1.CalendarFeedReaderServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get(':token')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, max-age=300')
  async read(@Param('token') token: string) {
    const { calendar } = await this.upstream.call(this.client, this.client.readCalendarFeed, { token: token.replace(/\.ics$/, '') }, undefined);
    return calendar;
  }
}
