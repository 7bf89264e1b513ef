import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { UsersModule } from '../users/users.module';
import { KeycloakSyncWorker } from './keycloak-sync.worker';

/** The copy of Keycloak's users, across users and accounts. */
@Module({
  imports: [UsersModule, AccountsModule],
  providers: [KeycloakSyncWorker],
  exports: [KeycloakSyncWorker],
})
export class KeycloakSyncModule {}
