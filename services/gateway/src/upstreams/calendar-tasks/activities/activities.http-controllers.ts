import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import { crm } from '@crm/proto';
import { CurrentPrincipal } from '../../../auth/auth.guard';
import { ReferenceListsGatewayService } from '../../../reference-lists/reference-lists.gateway-service';
import { ReferenceListHttpController } from '../../../reference-lists/reference-lists.http-controller';
import { parseSellBody, pathId, sellDateTime, sellId, sellOptionalRef } from '../../../sell/sell-body';
import { collection, pageLinks, single } from '../../../sell/sell-envelope';
import { asQueryError } from '../../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../../sell/sell-query';
import { toMaskedInput } from '../../../sell/sell-record-input';
import { Upstream } from '../../../upstream';
import { ACTIVITY_REFERENCE_LISTS, CALLS_CLIENT, TEXT_MESSAGES_CLIENT, VISITS_CLIENT } from '../calendar-tasks.constants';
import { presentCall, presentTextMessage, presentVisit } from './activity.presenters';

const ignored = z.unknown().optional();
export const ACTIVITY_RESOURCE_TYPES = ['lead', 'contact'] as const;
export const CALL_SORT_FIELDS = ['id', 'made_at', 'duration', 'created_at', 'updated_at'] as const;
export const TEXT_MESSAGE_SORT_FIELDS = ['id', 'sent_at', 'created_at', 'updated_at'] as const;
export const VISIT_SORT_FIELDS = ['id', 'visited_at', 'created_at', 'updated_at'] as const;
export const VERIFICATION_STATUSES = ['verified', 'unverified', 'unavailable'] as const;

/** Sell's writable call attributes, and the read-only ones a client echoes back. */
export const CallWrite = z.strictObject({
  user_id: sellId.nullable().optional(),
  summary: z.string().max(10_000).nullable().optional(),
  recording_url: z.string().max(2048).nullable().optional(),
  outcome_id: sellOptionalRef,
  duration: z.number().int().min(0).max(86_400).nullable().optional(),
  phone_number: z.string().max(64).nullable().optional(),
  incoming: z.boolean().nullable().optional(),
  missed: z.boolean().nullable().optional(),
  resource_type: z.enum(ACTIVITY_RESOURCE_TYPES).nullable().optional(),
  resource_id: sellOptionalRef,
  associated_deal_ids: z.array(sellId).max(100).nullable().optional(),
  made_at: sellDateTime.nullable().optional(),
  external_id: z.string().max(255).nullable().optional(),
  id: ignored,
  created_at: ignored,
  updated_at: ignored,
});

/** A visit as the field app records it (an extension of Sell, whose visits are read-only). */
export const VisitWrite = z.strictObject({
  resource_type: z.enum(ACTIVITY_RESOURCE_TYPES),
  resource_id: sellId,
  outcome_id: sellOptionalRef,
  resource_address: z.string().max(1000).nullable().optional(),
  rep_location_verification_status: z.enum(VERIFICATION_STATUSES).nullable().optional(),
  summary: z.string().max(10_000).nullable().optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  visited_at: sellDateTime.nullable().optional(),
});

/** The call attributes clients echo back, which no request changes. */
const CALL_READ_ONLY = new Set(['id', 'created_at', 'updated_at']);

function toCallInput(data: z.infer<typeof CallWrite>, mode: 'create' | 'update') {
  const { input, paths } = toMaskedInput(data, mode, CALL_READ_ONLY);
  // A repeated field is always a list on the wire.
  return { input: { associatedDealIds: [], ...input } as crm.calendar.v1.CallInput, paths };
}

/** Sell `/v2/calls`, served by calendar-tasks. */
@Controller('v2/calls')
export class CallsHttpController {
  constructor(
    @Inject(CALLS_CLIENT) private readonly client: crm.calendar.v1.CallsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = {
      page: { page, perPage }, ids: q.ids('ids') ?? [], resourceType: q.oneOf('resource_type', ACTIVITY_RESOURCE_TYPES), resourceId: q.id('resource_id'),
      associatedDealId: q.id('associated_deal_id'), sort: q.sort('sort_by', CALL_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const { calls } = await this.upstream.call(this.client, this.client.listCalls, request, principal).catch(asQueryError);
    return collection('call', calls.map((c) => ({ data: presentCall(c) })), pageLinks('/v2/calls', q.normalised(), page, perPage, calls.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { input, paths } = toCallInput(parseSellBody(body, CallWrite, 'call'), 'create');
    const { call } = await this.upstream.call(this.client, this.client.createCall, { call: input, mask: paths }, principal);
    return single('call', presentCall(call!));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { call } = await this.upstream.call(this.client, this.client.getCall, { id: pathId(id, 'call') }, principal);
    return single('call', presentCall(call!));
  }

  @Put(':id')
  async update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const valid = pathId(id, 'call');
    const { input, paths } = toCallInput(parseSellBody(body, CallWrite, 'call'), 'update');
    const { call } = await this.upstream.call(this.client, this.client.updateCall, { id: valid, call: input, updateMask: paths }, principal);
    return single('call', presentCall(call!));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteCall, { id: pathId(id, 'call') }, principal);
  }
}

/** Sell `/v2/text_messages` (read-only). */
@Controller('v2/text_messages')
export class TextMessagesHttpController {
  constructor(
    @Inject(TEXT_MESSAGES_CLIENT) private readonly client: crm.calendar.v1.TextMessagesServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = { page: { page, perPage }, ids: q.ids('ids') ?? [], resourceType: q.oneOf('resource_type', ACTIVITY_RESOURCE_TYPES), resourceId: q.id('resource_id'), sort: q.sort('sort_by', TEXT_MESSAGE_SORT_FIELDS) };
    q.assertNoUnknown();
    const { textMessages } = await this.upstream.call(this.client, this.client.listTextMessages, request, principal).catch(asQueryError);
    return collection('text_message', textMessages.map((t) => ({ data: presentTextMessage(t) })), pageLinks('/v2/text_messages', q.normalised(), page, perPage, textMessages.length === perPage));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const { textMessage } = await this.upstream.call(this.client, this.client.getTextMessage, { id: pathId(id, 'text_message') }, principal);
    return single('text_message', presentTextMessage(textMessage!));
  }
}

/** Sell `/v2/visits` (list), and the field app's `POST /v2/visits`. */
@Controller('v2/visits')
export class VisitsHttpController {
  constructor(
    @Inject(VISITS_CLIENT) private readonly client: crm.calendar.v1.VisitsServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() raw: RawQuery) {
    const q = new SellQuery(raw);
    const { page, perPage } = q.paging();
    const request = {
      page: { page, perPage }, ids: q.ids('ids') ?? [], outcomeId: q.id('outcome_id'), creatorId: q.id('creator_id'), resourceType: q.oneOf('resource_type', ACTIVITY_RESOURCE_TYPES),
      resourceId: q.id('resource_id'), repLocationVerificationStatus: q.oneOf('rep_location_verification_status', VERIFICATION_STATUSES), sort: q.sort('sort_by', VISIT_SORT_FIELDS),
    };
    q.assertNoUnknown();
    const { visits } = await this.upstream.call(this.client, this.client.listVisits, request, principal).catch(asQueryError);
    return collection('visit', visits.map((v) => ({ data: presentVisit(v) })), pageLinks('/v2/visits', q.normalised(), page, perPage, visits.length === perPage));
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const d = parseSellBody(body, VisitWrite, 'visit');
    const request = {
      resourceType: d.resource_type, resourceId: d.resource_id,
      ...(d.outcome_id ? { outcomeId: d.outcome_id } : {}),
      ...(d.resource_address ? { resourceAddress: d.resource_address } : {}),
      ...(d.rep_location_verification_status ? { repLocationVerificationStatus: d.rep_location_verification_status } : {}),
      ...(d.summary ? { summary: d.summary } : {}),
      ...(d.latitude !== null && d.latitude !== undefined ? { latitude: d.latitude } : {}),
      ...(d.longitude !== null && d.longitude !== undefined ? { longitude: d.longitude } : {}),
      ...(d.visited_at ? { visitedAt: d.visited_at } : {}),
    };
    const { visit } = await this.upstream.call(this.client, this.client.createVisit, request, principal);
    return single('visit', presentVisit(visit!));
  }
}

@Controller('v2/call_outcomes')
export class CallOutcomesHttpController extends ReferenceListHttpController {
  constructor(@Inject(ACTIVITY_REFERENCE_LISTS) lists: ReferenceListsGatewayService) {
    super(lists, { list: crm.common.v1.ReferenceList.REFERENCE_LIST_CALL_OUTCOME, type: 'call_outcome', path: '/v2/call_outcomes', extra: {} });
  }
}

@Controller('v2/visit_outcomes')
export class VisitOutcomesHttpController extends ReferenceListHttpController {
  constructor(@Inject(ACTIVITY_REFERENCE_LISTS) lists: ReferenceListsGatewayService) {
    super(lists, { list: crm.common.v1.ReferenceList.REFERENCE_LIST_VISIT_OUTCOME, type: 'visit_outcome', path: '/v2/visit_outcomes', extra: {} });
  }
}
