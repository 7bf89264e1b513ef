import { Module } from '@nestjs/common';
import { DealsModule } from '../deals/deals.module';
import { CollaborationsGrpcController } from './collaborations.grpc-controller';
import { CollaborationsService } from './collaborations.service';

/** Collaborators on deals (their table and the visibility it gives belong to DealsModule). */
@Module({
  imports: [DealsModule],
  providers: [CollaborationsService, CollaborationsGrpcController],
})
export class CollaborationsModule {}
