import { Inject, Injectable } from '@nestjs/common';
import type { EventHandlers } from '@crm/kafka';
import { EventConsumer } from '@crm/service';
import { CONFIG } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import type { CalendarTasksDatabase } from '../database';
import { AppointmentsService } from '../appointments/appointments.service';
import { TasksService } from '../tasks/tasks.service';

/**
 * Follows the records tasks and appointments are on: a deleted lead, contact or deal deletes its
 * tasks and unlinks its appointments (a meeting happened or will, with or without the record); a
 * converted lead's tasks and appointments move to the person it became (else its organisation). Each runs in the consumer's
 * transaction with the processed-event record, so a redelivered event changes nothing twice.
 */
@Injectable()
export class RecordEventsConsumer extends EventConsumer<CalendarTasksDatabase> {
  protected readonly groupId: string | undefined;
  // Events from before the group's first join name records no task of this service was on yet.
  protected override readonly fromBeginning = false;

  constructor(
    @Inject(CONFIG) config: CalendarTasksConfig,
    private readonly tasks: TasksService,
    private readonly appointments: AppointmentsService,
  ) {
    super();
    this.groupId = config.recordEventsConsumerGroup;
  }

  protected readonly handlers: EventHandlers<CalendarTasksDatabase> = {
    leadDeleted: async ({ id }, event, trx) => {
      await this.tasks.deleteOnRecord(trx, event.tenantId, 'lead', id);
      await this.appointments.relinkOnRecord(trx, event.tenantId, 'lead', id, null);
    },
    contactDeleted: async ({ id }, event, trx) => {
      await this.tasks.deleteOnRecord(trx, event.tenantId, 'contact', id);
      await this.appointments.relinkOnRecord(trx, event.tenantId, 'contact', id, null);
    },
    dealDeleted: async ({ id }, event, trx) => {
      await this.tasks.deleteOnRecord(trx, event.tenantId, 'deal', id);
      await this.appointments.relinkOnRecord(trx, event.tenantId, 'deal', id, null);
    },
    leadConverted: async ({ conversion }, event, trx) => {
      const contactId = conversion?.individualId ?? conversion?.organizationId;
      if (!conversion || !contactId) return;
      await this.tasks.moveToContact(trx, event.tenantId, conversion.leadId, contactId);
      await this.appointments.relinkOnRecord(trx, event.tenantId, 'lead', conversion.leadId, { type: 'contact', id: contactId });
    },
  };
}
