import { Module } from '@nestjs/common';
import { DealsModule } from '../deals/deals.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { AnalyticsGrpcController } from './analytics.grpc-controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';

@Module({
  imports: [DealsModule, PipelinesModule],
  providers: [AnalyticsRepository, AnalyticsService, AnalyticsGrpcController],
})
export class AnalyticsModule {}
