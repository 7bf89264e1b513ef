import { Module } from '@nestjs/common';
import { CalendarsRepository } from '../calendars/calendars.repository';
import { CalendarsService } from '../calendars/calendars.service';
import { RecordsModule } from '../records/records.module';
import { AppointmentPresenter } from './appointment-presenter';
import { AppointmentReminders } from './appointment-reminders';
import { AppointmentsGrpcController, CalendarsGrpcController } from './appointments.grpc-controllers';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

/** Calendars and the appointments on them. */
@Module({
  imports: [RecordsModule],
  providers: [CalendarsRepository, CalendarsService, AppointmentsRepository, AppointmentPresenter, AppointmentsService, AppointmentsGrpcController, CalendarsGrpcController, AppointmentReminders],
  exports: [AppointmentsService, AppointmentReminders],
})
export class AppointmentsModule {}
