import { Module } from '@nestjs/common';
import { AccountLogoService } from './account-logo.service';
import { AccountsGrpcController } from './accounts.grpc-controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';

@Module({
  providers: [AccountsRepository, AccountsService, AccountLogoService, AccountsGrpcController],
  exports: [AccountsService],
})
export class AccountsModule {}
