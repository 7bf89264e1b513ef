import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { parseSellBody, pathId, sellDateTime, sellId, sellOptionalRef } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { toMaskedInput } from '../../../sell/sell-record-input';
import { Upstream } from '../../../upstream';
import { APPOINTMENTS_CLIENT, CALENDARS_CLIENT } from '../calendar-tasks.constants';
import { REMINDER_PRESETS } from '../tasks/tasks.http-controller';
import { presentAppointment, presentCalendar } from './appointment.presenters';

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
}
