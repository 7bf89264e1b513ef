import { Module } from '@nestjs/common';
import { CaldavSync } from '../caldav/caldav-sync.service';
import { CaldavSyncWorker } from '../caldav/caldav-sync.worker';
import { CaldavRepository } from '../caldav/caldav.repository';
import { SecretBox } from '@crm/config';
import { CONFIG, SECRET_BOX } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import { CalendarFeeds } from '../calendars/calendar-feeds';
import { CalendarFeedsRepository } from '../calendars/calendar-feeds.repository';
import { CalendarsRepository } from '../calendars/calendars.repository';
import { CalendarsService } from '../calendars/calendars.service';
import { InvitationAnswersService } from '../invitations/invitation-answers.service';
import { InvitationsModule } from '../invitations/invitations.module';
import { ItipReplyReader } from '../invitations/itip-reply-reader';
import { RecordsModule } from '../records/records.module';
import { AppointmentEvents } from './appointment-events';
import { AppointmentPresenter } from './appointment-presenter';
import { AppointmentReminders } from './appointment-reminders';
import { AppointmentsGrpcController, CalendarFeedGrpcController, CalendarFeedReaderGrpcController, CalendarsGrpcController, InvitationAnswersGrpcController } from './appointments.grpc-controllers';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

/** Calendars (built-in and CalDAV, with their sync) and the appointments on them. */
@Module({
  imports: [RecordsModule, InvitationsModule],
  providers: [
    { provide: SECRET_BOX, inject: [CONFIG], useFactory: (c: CalendarTasksConfig) => new SecretBox(c.caldav.credentialsKey) },
    CaldavRepository,
    CaldavSync,
    CaldavSyncWorker,
    CalendarsRepository, CalendarsService, AppointmentsRepository, AppointmentPresenter, AppointmentEvents, AppointmentsService, AppointmentsGrpcController, CalendarsGrpcController, AppointmentReminders, InvitationAnswersService, InvitationAnswersGrpcController, ItipReplyReader, CalendarFeeds, CalendarFeedsRepository, CalendarFeedGrpcController, CalendarFeedReaderGrpcController],
  exports: [AppointmentsService, AppointmentReminders],
})
export class AppointmentsModule {}
