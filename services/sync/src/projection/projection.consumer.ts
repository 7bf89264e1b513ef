import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent } from '@crm/events';
import type { EventHandlers } from '@crm/kafka';
import { crm } from '@crm/proto';
import { EventConsumer } from '@crm/service';
import type { SyncConfig } from '../config/sync.config';
import type { SyncDatabase, Trx } from '../database';
import { CONFIG } from '../sync.constants';
import { ProjectionRepository, type SyncType } from './projection.repository';

/**
 * Keeps the copy of leads, contacts, deals, their notes and the tenant's users that devices
 * synchronise from, event by event. A new
 * consumer group starts at the topics' beginning (SYNC_PROJECTION_START), so a new deployment
 * copies what Kafka retains.
 */
@Injectable()
export class ProjectionConsumer extends EventConsumer<SyncDatabase> {
  protected readonly groupId: string | undefined;
  protected override readonly fromBeginning: boolean;

  constructor(
    @Inject(CONFIG) config: SyncConfig,
    private readonly objects: ProjectionRepository,
  ) {
    super();
    this.groupId = config.projection.enabled ? config.projection.group : undefined;
    this.fromBeginning = config.projection.fromBeginning;
  }

  /** A lead, contact or deal as its event describes it; its notes follow its owner. */
  private readonly upsert =
    <M extends { id: string; ownerId: string }>(type: SyncType, codec: { encode(m: M): { finish(): Uint8Array } }) =>
    async (record: M | undefined, event: CloudEvent, trx: Trx) => {
      if (!record) return;
      await this.objects.apply(trx, event.tenantId, { type, id: record.id, ownerId: record.ownerId, snapshot: codec.encode(record).finish(), changedAt: new Date(event.time) });
      await this.objects.followRecord(trx, type, record.id, { ownerId: record.ownerId });
    };

  /** A deleted lead, contact or deal, and its notes with it. */
  private readonly remove = (type: SyncType) => async (id: string, ownerId: string | undefined, event: CloudEvent, trx: Trx) => {
    await this.objects.apply(trx, event.tenantId, { type, id, ownerId: ownerId ?? null, snapshot: null, changedAt: new Date(event.time) });
    await this.objects.followRecord(trx, type, id, { deletedAt: new Date(event.time) });
  };

  private readonly lead = this.upsert('lead', crm.leads.v1.Lead);
  private readonly contact = this.upsert('contact', crm.leads.v1.Contact);
  private readonly deal = this.upsert('deal', crm.deals.v1.Deal);

  /** A note, seen with the record it is on. */
  private readonly note = async (payload: { note?: crm.common.v1.Note | undefined; recordOwnerId: string }, deleted: boolean, event: CloudEvent, trx: Trx) => {
    const { note } = payload;
    if (!note) return;
    await this.objects.apply(trx, event.tenantId, {
      type: 'note',
      id: note.id,
      ownerId: payload.recordOwnerId,
      parent: { type: note.resourceType as SyncType, id: note.resourceId },
      snapshot: deleted ? null : crm.common.v1.Note.encode(note).finish(),
      changedAt: new Date(event.time),
    });
  };

  /** A user, seen by every member; one gone from Keycloak stays, inactive, as the directory keeps it. */
  private readonly user = async (user: crm.directory.v1.User | undefined, event: CloudEvent, trx: Trx) => {
    if (!user) return;
    await this.objects.apply(trx, event.tenantId, { type: 'user', id: user.id, ownerId: null, snapshot: crm.directory.v1.User.encode(user).finish(), changedAt: new Date(event.time) });
  };

  protected readonly handlers: EventHandlers<SyncDatabase> = {
    leadCreated: ({ lead }, event, trx) => this.lead(lead, event, trx),
    leadUpdated: ({ lead }, event, trx) => this.lead(lead, event, trx),
    leadConverted: ({ lead }, event, trx) => this.lead(lead, event, trx),
    leadDeleted: ({ id, ownerId }, event, trx) => this.remove('lead')(id, ownerId, event, trx),
    contactCreated: ({ contact }, event, trx) => this.contact(contact, event, trx),
    contactUpdated: ({ contact }, event, trx) => this.contact(contact, event, trx),
    contactDeleted: ({ id, ownerId }, event, trx) => this.remove('contact')(id, ownerId, event, trx),
    dealCreated: ({ deal }, event, trx) => this.deal(deal, event, trx),
    dealUpdated: ({ deal }, event, trx) => this.deal(deal, event, trx),
    dealDeleted: ({ id, ownerId }, event, trx) => this.remove('deal')(id, ownerId, event, trx),
    leadsNoteCreated: (payload, event, trx) => this.note(payload, false, event, trx),
    leadsNoteUpdated: (payload, event, trx) => this.note(payload, false, event, trx),
    leadsNoteDeleted: (payload, event, trx) => this.note(payload, true, event, trx),
    dealsNoteCreated: (payload, event, trx) => this.note(payload, false, event, trx),
    dealsNoteUpdated: (payload, event, trx) => this.note(payload, false, event, trx),
    dealsNoteDeleted: (payload, event, trx) => this.note(payload, true, event, trx),
    userCreated: ({ user }, event, trx) => this.user(user, event, trx),
    userUpdated: ({ user }, event, trx) => this.user(user, event, trx),
    userDeleted: ({ user }, event, trx) => this.user(user, event, trx),
  };
}
