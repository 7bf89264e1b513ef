import { Module } from '@nestjs/common';
import { AccessTokensModule } from '../access-tokens/access-tokens.module';
import { KeycloakSyncModule } from '../keycloak-sync/keycloak-sync.module';
import { UsersModule } from '../users/users.module';
import { CallersGrpcController } from './callers.grpc-controller';
import { CallersService } from './callers.service';

/** Caller resolution for the gateway, across users, tokens and the copy from Keycloak. */
@Module({
  imports: [UsersModule, AccessTokensModule, KeycloakSyncModule],
  providers: [CallersService, CallersGrpcController],
})
export class CallersModule {}
