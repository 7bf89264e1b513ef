import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module';
import { TasksModule } from '../tasks/tasks.module';
import { ReminderScheduler } from './reminder-scheduler';
import { RemindersRepository } from './reminders.repository';

/** The durable reminder scheduler (decision 25). */
@Module({ imports: [TasksModule, AppointmentsModule], providers: [RemindersRepository, ReminderScheduler] })
export class RemindersModule {}
