import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { TaskReminders } from './task-reminders';
import { TasksGrpcController } from './tasks.grpc-controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [RecordsModule],
  providers: [TasksRepository, TasksService, TasksGrpcController, TaskReminders],
  exports: [TasksRepository, TasksService, TaskReminders],
})
export class TasksModule {}
