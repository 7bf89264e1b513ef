import { Module } from '@nestjs/common';
import { AccessTokensGrpcController } from './access-tokens.grpc-controller';
import { AccessTokensRepository } from './access-tokens.repository';
import { AccessTokensService } from './access-tokens.service';

@Module({
  providers: [AccessTokensRepository, AccessTokensService, AccessTokensGrpcController],
  exports: [AccessTokensRepository],
})
export class AccessTokensModule {}
