import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { DomainError, ErrorKind } from '@crm/errors';
import { crm } from '@crm/proto';
import type { SyncConfig } from '../config/sync.config';
import type { Database } from '../database';
import type { SyncType } from '../projection/projection.repository';
import { CONFIG, DATABASE } from '../sync.constants';
import { ackKey, parseAckKey } from './ack-key';
import { SessionsRepository, type Device, type QueuedItem } from './sessions.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Most keys one acknowledgement takes. */
export const MAX_ACK_KEYS = 1000;

function deviceOf(principal: Principal, deviceUuid: string): Device {
  if (!UUID.test(deviceUuid)) throw new DomainError('INVALID_DEVICE', ErrorKind.InvalidArgument, 'X-Basecrm-Device-UUID must be a UUID', { resource: 'sync' });
  return { tenantId: principal.tenantId, userId: principal.userId, deviceUuid: deviceUuid.toLowerCase() };
}

const sessionNotFound = (id: string) => new DomainError('SESSION_NOT_FOUND', ErrorKind.NotFound, `sync session ${id} not found or expired`, { resource: 'sync_session' });

/**
 * Sell's Sync API over the copy of the records: a session fixes, when it starts, what the device
 * must learn; the queue hands it out page by page with each record as it is by then; what the
 * device acknowledges is never sent again, what it does not comes back in its next session.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(CONFIG) private readonly config: SyncConfig,
    @Inject(DATABASE) private readonly db: Database,
    private readonly sessions: SessionsRepository,
  ) {}

  async start(principal: Principal, deviceUuid: string): Promise<crm.sync.v1.StartSessionResponse> {
    const device = deviceOf(principal, deviceUuid);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      await this.sessions.purgeExpired(trx);
      const id = randomUUID();
      await this.sessions.createSession(trx, { id, tenant_id: device.tenantId, user_id: device.userId, device_uuid: device.deviceUuid, total: 0, sent: 0, created_at: new Date(), expires_at: new Date(Date.now() + this.config.sessions.ttlMs) });
      const total = await this.sessions.queueChanges(trx, id, device, principal.visibleOwnerIds);
      if (total === 0) {
        await this.sessions.deleteSession(trx, id);
        return { totalCount: 0, pages: 0 };
      }
      await this.sessions.setTotal(trx, id, total);
      return { sessionId: id, totalCount: total, pages: Math.ceil(total / this.config.sessions.pageSize) };
    });
  }

  async fetch(principal: Principal, request: crm.sync.v1.FetchQueueRequest): Promise<crm.sync.v1.FetchQueueResponse> {
    const device = deviceOf(principal, request.deviceUuid);
    if (request.queue !== 'main' || !UUID.test(request.sessionId)) throw sessionNotFound(request.sessionId);
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const session = await this.sessions.liveSession(trx, request.sessionId.toLowerCase(), device);
      if (!session) throw sessionNotFound(request.sessionId);
      const items = await this.sessions.nextItems(trx, session, this.config.sessions.pageSize, principal.visibleOwnerIds);
      const sent = session.sent + items.length;
      await this.sessions.markSent(trx, session.id, sent);
      return { items: items.map(toSyncItem), drained: items.length === 0, countLeft: Math.max(0, session.total - sent) };
    });
  }

  async acknowledge(principal: Principal, deviceUuid: string, keys: readonly string[]): Promise<void> {
    const device = deviceOf(principal, deviceUuid);
    if (keys.length > MAX_ACK_KEYS) throw new DomainError('TOO_MANY_ACK_KEYS', ErrorKind.InvalidArgument, `at most ${MAX_ACK_KEYS} ack keys at once`, { resource: 'sync', violations: [{ field: 'ack_keys', code: 'too_long', message: `has more than ${MAX_ACK_KEYS} keys` }] });
    const acks = keys.map((key) => parseAckKey(key));
    const unknown = keys.filter((_, i) => acks[i] === undefined);
    if (unknown.length > 0) throw new DomainError('UNKNOWN_ACK_KEY', ErrorKind.InvalidArgument, `unknown ack keys: ${unknown.slice(0, 5).join(', ')}`, { resource: 'sync', violations: [{ field: 'ack_keys', code: 'incorrect_value', message: `holds keys this server did not issue (${unknown.slice(0, 5).join(', ')})` }] });
    await inTenantTransaction(this.db, principal.tenantId, (trx) => this.sessions.acknowledge(trx, device, acks.filter((a) => a !== undefined)));
  }
}

/** One queued change as the device gets it: a deletion when the record is gone or no longer the caller's to see. */
function toSyncItem(item: QueuedItem): crm.sync.v1.SyncItem {
  const present = item.visible && item.snapshot !== null;
  const base = { type: item.type, id: item.id, revision: item.revision, ackKey: ackKey({ type: item.type, id: item.id, revision: item.revision, present }) };
  if (!present) return { ...base, eventType: 'deleted' };
  return { ...base, eventType: item.event_type === 'deleted' ? 'created' : item.event_type, record: decode(item.type, item.snapshot!) };
}

function decode(type: SyncType, snapshot: Buffer): crm.sync.v1.SyncItem['record'] {
  switch (type) {
    case 'lead':
      return { $case: 'lead', value: crm.leads.v1.Lead.decode(snapshot) };
    case 'contact':
      return { $case: 'contact', value: crm.leads.v1.Contact.decode(snapshot) };
    case 'deal':
      return { $case: 'deal', value: crm.deals.v1.Deal.decode(snapshot) };
    case 'note':
      return { $case: 'note', value: crm.common.v1.Note.decode(snapshot) };
    case 'user':
      return { $case: 'user', value: crm.directory.v1.User.decode(snapshot) };
  }
}
