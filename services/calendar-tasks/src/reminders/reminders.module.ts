import { Module } from '@nestjs/common';
import { ReminderScheduler } from './reminder-scheduler';
import { RemindersRepository } from './reminders.repository';

/** The durable reminder scheduler (decision 25). */
@Module({ providers: [RemindersRepository, ReminderScheduler] })
export class RemindersModule {}
