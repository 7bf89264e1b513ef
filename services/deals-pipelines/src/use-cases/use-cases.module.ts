import { Module } from '@nestjs/common';
import { ConversionDealsConsumer } from '../deals/conversion-deals.consumer';
import { DealsGrpcController } from '../deals/deals.grpc-controller';
import { DealsModule } from '../deals/deals.module';
import { PipelinesGrpcController } from '../pipelines/pipelines.grpc-controller';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { ConversionDealUseCase } from './conversion-deal.use-case';
import { DeleteStageUseCase } from './delete-stage.use-case';

/**
 * Flows that span aggregates, one class each, above the aggregate modules they use; and the
 * transport that starts them (the pipelines and deals gRPC controllers, the conversion consumer),
 * which therefore lives here rather than in the aggregate modules below.
 */
@Module({
  imports: [PipelinesModule, DealsModule],
  providers: [DeleteStageUseCase, ConversionDealUseCase, PipelinesGrpcController, DealsGrpcController, ConversionDealsConsumer],
})
export class UseCasesModule {}
