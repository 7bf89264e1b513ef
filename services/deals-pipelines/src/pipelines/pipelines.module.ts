import { Module } from '@nestjs/common';
import { PipelinesGrpcController } from './pipelines.grpc-controller';
import { PipelinesRepository } from './pipelines.repository';
import { PipelinesService } from './pipelines.service';

@Module({
  providers: [PipelinesRepository, PipelinesService, PipelinesGrpcController],
  exports: [PipelinesGrpcController, PipelinesService],
})
export class PipelinesModule {}
