import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal, ReadOnly } from '../../auth/auth.guard';
import { parseSellBody } from '../../sell/sell-body';
import { SellHttpError } from '../../sell/sell-error';
import { SellQuery, type RawQuery } from '../../sell/sell-query';
import { Upstream } from '../../upstream';
import { presentDeal } from '../deals-pipelines/deals/deal.presenter';
import { presentContact } from '../leads-contacts/contacts/contact.presenter';
import { presentLead } from '../leads-contacts/leads/lead.presenter';
import { presentNote } from '../../notes/note.presenter';
import { presentUser } from '../directory/users/user.presenter';
import { SYNC_CLIENT } from './sync.constants';

export const DEVICE_HEADER = 'x-basecrm-device-uuid';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Most ack keys in one acknowledgement (the sync service's limit). */
export const MAX_ACK_KEYS = 1000;

export const SyncAck = z.strictObject({ ack_keys: z.array(z.string().max(100)).max(MAX_ACK_KEYS) });

function requireDevice(value: string | undefined): string {
  if (!value || !UUID.test(value)) throw new SellHttpError(400, [{ code: 'invalid_header', message: 'The X-Basecrm-Device-UUID header must name the device with a UUID', details: value ? 'not a UUID' : 'missing', field: 'X-Basecrm-Device-UUID' }]);
  return value;
}

/** A synced record as the REST API shows it. */
function presentRecord(record: NonNullable<crm.sync.v1.SyncItem['record']>) {
  switch (record.$case) {
    case 'lead':
      return presentLead(record.value);
    case 'contact':
      return presentContact(record.value);
    case 'deal':
      return presentDeal(record.value);
    case 'note':
      return presentNote(record.value);
    case 'user':
      return presentUser(record.value);
  }
}

/** One queued change in Sell's shape: the record as the REST API shows it, or only its id when deleted. */
function presentItem(item: crm.sync.v1.SyncItem) {
  const data = item.record ? presentRecord(item.record) : { id: Number(item.id) };
  return { data, meta: { type: item.type, sync: { event_type: item.eventType, ack_key: item.ackKey, revision: Number(item.revision) } } };
}

/**
 * Sell's Sync API (`/v2/sync`): a device (X-Basecrm-Device-UUID) starts a session, drains its
 * `main` queue and acknowledges what it stored. Every member syncs what they may see.
 */
@Controller('v2/sync')
export class SyncHttpController {
  constructor(
    @Inject(SYNC_CLIENT) private readonly client: crm.sync.v1.SyncServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Post('start')
  @ReadOnly()
  async start(@CurrentPrincipal() principal: Principal, @Headers(DEVICE_HEADER) device: string | undefined, @Query() raw: RawQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const deviceUuid = requireDevice(device);
    new SellQuery(raw).assertNoUnknown();
    const session = await this.upstream.call(this.client, this.client.startSession, { deviceUuid }, principal);
    if (session.sessionId === undefined) {
      reply.status(204);
      return undefined;
    }
    reply.status(201);
    return { data: { id: session.sessionId, queues: [{ data: { name: 'main', pages: session.pages, total_count: session.totalCount }, meta: { type: 'sync_queue' } }] }, meta: { type: 'sync_session' } };
  }

  @Get(':sessionId/queues/:queue')
  async queue(@CurrentPrincipal() principal: Principal, @Headers(DEVICE_HEADER) device: string | undefined, @Param('sessionId') sessionId: string, @Param('queue') queue: string, @Query() raw: RawQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const deviceUuid = requireDevice(device);
    new SellQuery(raw).assertNoUnknown();
    if (!UUID.test(sessionId) || queue !== 'main') throw SellHttpError.notFound('sync_session');
    const page = await this.upstream.call(this.client, this.client.fetchQueue, { sessionId, deviceUuid, queue }, principal);
    if (page.drained) {
      reply.status(204);
      return undefined;
    }
    return { items: page.items.map(presentItem), meta: { type: 'collection', count: page.items.length, count_left: page.countLeft } };
  }

  @Post('ack')
  @ReadOnly()
  @HttpCode(202)
  async ack(@CurrentPrincipal() principal: Principal, @Headers(DEVICE_HEADER) device: string | undefined, @Body() body: unknown, @Query() raw: RawQuery) {
    const deviceUuid = requireDevice(device);
    new SellQuery(raw).assertNoUnknown();
    const { ack_keys: ackKeys } = parseSellBody(body, SyncAck, 'sync');
    await this.upstream.call(this.client, this.client.acknowledge, { deviceUuid, ackKeys }, principal);
    return undefined;
  }
}
