import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { ReminderScheduler } from './reminder-scheduler';
import { RemindersRepository } from './reminders.repository';

/** The durable reminder scheduler (decision 25). */
@Module({ imports: [TasksModule], providers: [RemindersRepository, ReminderScheduler] })
export class RemindersModule {}
