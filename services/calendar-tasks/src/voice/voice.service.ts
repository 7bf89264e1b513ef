import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import { describeViolations, DomainError, ErrorKind } from '@crm/errors';
import { buildEvent } from '@crm/events';
import { appendToOutbox } from '@crm/kafka';
import type { crm } from '@crm/proto';
import { AssignableOwners } from '@crm/records';
import { DATABASE } from '../calendar-tasks.constants';
import type { CallResourceType } from '../calls/call-rules';
import { CallsRepository } from '../calls/calls.repository';
import { toCall } from '../calls/calls.service';
import type { Database, Trx } from '../database';
import { RecordDirectory } from '../records/record-directory';
import { toTextMessage } from '../text-messages/text-messages.service';
import { checkVoiceSignature, parseVoiceEvent, type VoiceEvent } from './voice-event';
import { VoiceRepository, type VoiceIntegrationRow } from './voice.repository';

const error = (code: string, kind: ErrorKind, message: string, violations?: { field: string; code: string; message: string }[]) =>
  new DomainError(code, kind, message, { resource: 'voice_event', ...(violations ? { violations } : {}) });

function toIntegration(row: VoiceIntegrationRow): crm.calendar.v1.VoiceIntegration {
  return { publicKey: row.public_key, createdBy: row.created_by, createdAt: row.created_at, rotatedAt: row.rotated_at };
}

/**
 * The voice provider integration: admins create, rotate and remove the webhook key and secret;
 * the webhook logs each signed call or text once, against the contact or lead whose number it is.
 */
@Injectable()
export class VoiceService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly voice: VoiceRepository,
    private readonly calls: CallsRepository,
    private readonly records: RecordDirectory,
    private readonly owners: AssignableOwners,
  ) {}

  async get(principal: Principal): Promise<crm.calendar.v1.VoiceIntegration> {
    this.assertAdmin(principal);
    const row = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.voice.find(trx));
    if (!row) throw new DomainError('VOICE_INTEGRATION_NOT_FOUND', ErrorKind.NotFound, 'the account has no voice integration', { resource: 'voice_integration' });
    return toIntegration(row);
  }

  async rotate(principal: Principal): Promise<{ integration: crm.calendar.v1.VoiceIntegration; secret: string }> {
    this.assertAdmin(principal);
    const secret = randomBytes(32).toString('base64url');
    const row = await inTenantTransaction(this.db, principal.tenantId, (trx) =>
      this.voice.upsert(trx, { tenant_id: principal.tenantId, public_key: randomBytes(18).toString('base64url'), secret, created_by: principal.userId }),
    );
    return { integration: toIntegration(row), secret };
  }

  async delete(principal: Principal): Promise<void> {
    this.assertAdmin(principal);
    const deleted = await inTenantTransaction(this.db, principal.tenantId, (trx) => this.voice.delete(trx));
    if (!deleted) throw new DomainError('VOICE_INTEGRATION_NOT_FOUND', ErrorKind.NotFound, 'the account has no voice integration', { resource: 'voice_integration' });
  }

  /**
   * One webhook request. Refused, writing nothing: an unknown key (404), a missing, stale or wrong
   * signature (401), a body that is not a valid event (422), an event id handled before (409).
   */
  async handle(tenantKey: string, body: Buffer, signature: string, timestamp: string): Promise<crm.calendar.v1.HandleVoiceEventResponse> {
    const tenantId = /^[A-Za-z0-9_-]{1,64}$/.test(tenantKey) ? await this.voice.tenantForKey(this.db, tenantKey) : undefined;
    if (!tenantId) throw error('VOICE_KEY_UNKNOWN', ErrorKind.NotFound, 'no voice integration has this key');
    const integration = await inTenantTransaction(this.db, tenantId, (trx) => this.voice.find(trx));
    const check = integration ? checkVoiceSignature(integration.secret, timestamp, body, signature, new Date()) : 'invalid';
    if (!integration || check !== 'valid') throw error('VOICE_SIGNATURE_REFUSED', ErrorKind.Unauthenticated, `signature ${check}`);
    const { event, violations } = parseVoiceEvent(body);
    if (!event) throw error('INVALID_VOICE_EVENT', ErrorKind.InvalidArgument, describeViolations(violations), violations);
    // The number decides the record; with several, the first contact, else the first lead.
    const [match] = await this.records.findByPhone(tenantId, event.contactNumber);
    // The webhook acts for the admin who set the integration up (asking the directory about users, for one).
    const system: Principal = { tenantId, userId: integration.created_by, role: 'admin', visibleOwnerIds: 'all' };
    return inTenantTransaction(this.db, tenantId, async (trx) => {
      if (!(await this.voice.claimEvent(trx, tenantId, event.id))) throw error('VOICE_EVENT_REPLAYED', ErrorKind.Conflict, `event ${event.id} was handled before`);
      const userId = event.userId ?? match?.ownerId;
      if (!userId) throw error('INVALID_VOICE_EVENT', ErrorKind.InvalidArgument, 'user_id: needed when the number matches no lead or contact', [{ field: 'user_id', code: 'missing', message: 'is needed when the number matches no lead or contact' }]);
      if ((await this.owners.inactive(trx, system, [userId])).size > 0) throw error('INVALID_VOICE_EVENT', ErrorKind.InvalidArgument, 'user_id: is not an active user of this account', [{ field: 'user_id', code: 'incorrect_value', message: 'is not an active user of this account' }]);
      const resource = match ? { resource_type: match.resourceType as CallResourceType, resource_id: match.id } : { resource_type: null, resource_id: null };
      return event.type === 'call' ? this.logCall(trx, tenantId, userId, resource, event) : this.logText(trx, tenantId, userId, resource, event);
    });
  }

  private async logCall(trx: Trx, tenantId: string, userId: string, resource: { resource_type: CallResourceType | null; resource_id: string | null }, event: VoiceEvent) {
    const row = await this.calls.insert(trx, {
      tenant_id: tenantId, user_id: userId, summary: event.summary, recording_url: event.recordingUrl ?? null, outcome_id: null, duration: event.duration,
      phone_number: event.contactNumber, incoming: event.incoming, missed: event.missed, ...resource, associated_deal_ids: [], made_at: event.occurredAt, external_id: event.id,
    });
    await appendToOutbox(trx, buildEvent({ kind: 'callLogged', tenantId, aggregateId: row.id, subject: `tenants/${tenantId}/calls/${row.id}`, payload: { call: toCall(row) } }));
    return { kind: 'call', id: row.id, ...(row.resource_type && row.resource_id ? { resourceType: row.resource_type, resourceId: row.resource_id } : {}) };
  }

  private async logText(trx: Trx, tenantId: string, userId: string, resource: { resource_type: CallResourceType | null; resource_id: string | null }, event: VoiceEvent) {
    const row = await this.calls.insertTextMessage(trx, {
      tenant_id: tenantId, user_id: userId, content: event.content, incoming: event.incoming, ...resource, resource_phone_number: event.contactNumber,
      user_phone_number: event.userNumber, associated_deal_ids: [], sent_at: event.occurredAt, external_id: event.id,
    });
    await appendToOutbox(trx, buildEvent({ kind: 'textMessageLogged', tenantId, aggregateId: row.id, subject: `tenants/${tenantId}/text_messages/${row.id}`, payload: { textMessage: toTextMessage(row) } }));
    return { kind: 'text_message', id: row.id, ...(row.resource_type && row.resource_id ? { resourceType: row.resource_type, resourceId: row.resource_id } : {}) };
  }

  private assertAdmin(principal: Principal): void {
    if (principal.role !== 'admin') throw new DomainError('VOICE_ADMIN_ONLY', ErrorKind.PermissionDenied, 'only admins manage the voice integration', { resource: 'voice_integration' });
  }
}
