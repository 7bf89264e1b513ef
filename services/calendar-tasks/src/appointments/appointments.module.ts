import { Module } from '@nestjs/common';
import { CalendarsRepository } from '../calendars/calendars.repository';
import { CalendarsService } from '../calendars/calendars.service';
import { InvitationAnswersService } from '../invitations/invitation-answers.service';
import { InvitationsModule } from '../invitations/invitations.module';
import { ItipReplyReader } from '../invitations/itip-reply-reader';
import { RecordsModule } from '../records/records.module';
import { AppointmentPresenter } from './appointment-presenter';
import { AppointmentReminders } from './appointment-reminders';
import { AppointmentsGrpcController, CalendarsGrpcController, InvitationAnswersGrpcController } from './appointments.grpc-controllers';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

/** Calendars and the appointments on them. */
@Module({
  imports: [RecordsModule, InvitationsModule],
  providers: [CalendarsRepository, CalendarsService, AppointmentsRepository, AppointmentPresenter, AppointmentsService, AppointmentsGrpcController, CalendarsGrpcController, AppointmentReminders, InvitationAnswersService, InvitationAnswersGrpcController, ItipReplyReader],
  exports: [AppointmentsService, AppointmentReminders],
})
export class AppointmentsModule {}
