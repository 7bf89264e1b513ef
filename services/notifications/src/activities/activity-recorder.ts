import { Injectable } from '@nestjs/common';
import type { CloudEvent } from '@crm/events';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { ActivitiesRepository } from './activities.repository';
import type { ActivityRecordType } from './activity.model';
import type { ActivityIntent } from './activity-rules';

/**
 * Writes the activity of an event, with the owner that decides who sees it: the record's current
 * owner as the read model knows it (else as the event tells), or the item's owner on no record.
 */
@Injectable()
export class ActivityRecorder {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly readModels: ReadModelsRepository,
  ) {}

  async record(event: CloudEvent, intent: ActivityIntent | undefined): Promise<void> {
    if (!intent) return;
    const known = intent.record ? await this.readModels.record(event.tenantId, intent.record.type, intent.record.id) : null;
    const ownerId = known?.ownerId ?? intent.record?.ownerId ?? intent.item?.ownerId ?? '0';
    await this.activities.insert({
      _id: event.id,
      tenantId: event.tenantId,
      kind: intent.kind,
      actorId: event.actorId ?? null,
      recordType: intent.record?.type ?? null,
      recordId: intent.record?.id ?? null,
      recordName: intent.record?.name ?? known?.name ?? '',
      itemType: intent.item?.type ?? null,
      itemId: intent.item?.id ?? null,
      ownerId,
      summary: intent.summary,
      details: intent.details,
      occurredAt: new Date(event.time),
    });
  }

  /**
   * After a record's creation: activities of its tasks, notes, calls or appointments that came
   * first (another topic, read apart) get its name and owner.
   */
  async recordKnown(tenantId: string, type: ActivityRecordType, recordId: string): Promise<void> {
    const current = await this.readModels.record(tenantId, type, recordId);
    if (current) await this.activities.fillRecord(tenantId, type, recordId, current.ownerId, current.name);
  }

  /** After a record's event: its activities follow the owner the read model now holds (the newest version's). */
  async followOwner(tenantId: string, type: ActivityRecordType, recordId: string): Promise<void> {
    const current = await this.readModels.record(tenantId, type, recordId);
    if (current) await this.activities.followOwner(tenantId, type, recordId, current.ownerId);
  }
}
