import { Module } from '@nestjs/common';
import { AccountsGrpcController } from './accounts.grpc-controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';

@Module({
  providers: [AccountsRepository, AccountsService, AccountsGrpcController],
  exports: [AccountsService],
})
export class AccountsModule {}
