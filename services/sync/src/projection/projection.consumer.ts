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
 * Keeps the copy of leads, contacts and deals that devices synchronise from, event by event. A new
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

  private readonly upsert =
    <M extends { id: string; ownerId?: string | undefined }>(type: SyncType, codec: { encode(m: M): { finish(): Uint8Array } }) =>
    async (record: M | undefined, event: CloudEvent, trx: Trx) => {
      if (!record) return;
      await this.objects.apply(trx, event.tenantId, { type, id: record.id, ownerId: record.ownerId ?? null, snapshot: codec.encode(record).finish(), changedAt: new Date(event.time) });
    };

  private readonly remove = (type: SyncType) => async (id: string, ownerId: string | undefined, event: CloudEvent, trx: Trx) => {
    await this.objects.apply(trx, event.tenantId, { type, id, ownerId: ownerId ?? null, snapshot: null, changedAt: new Date(event.time) });
  };

  private readonly lead = this.upsert('lead', crm.leads.v1.Lead);
  private readonly contact = this.upsert('contact', crm.leads.v1.Contact);
  private readonly deal = this.upsert('deal', crm.deals.v1.Deal);

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
  };
}
