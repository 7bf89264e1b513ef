import { Module } from '@nestjs/common';
import { RecordsModule } from '../records/records.module';
import { RecordEventsConsumer } from './record-events.consumer';
import { TasksGrpcController } from './tasks.grpc-controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [RecordsModule],
  providers: [TasksRepository, TasksService, TasksGrpcController, RecordEventsConsumer],
  exports: [TasksRepository],
})
export class TasksModule {}
