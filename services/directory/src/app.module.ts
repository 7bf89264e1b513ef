import { Module, type DynamicModule } from '@nestjs/common';
import { KeycloakAdminClient } from '@crm/auth';
import { GrpcServerModule, HealthHttpController, INFRASTRUCTURE_TOKENS, ObjectPurgesModule, OutboxRelayService, serviceInfrastructure } from '@crm/service';
import { createObjectStorage } from '@crm/storage';
import { AccessTokensModule } from './access-tokens/access-tokens.module';
import { AccountsModule } from './accounts/accounts.module';
import { CallersModule } from './callers/callers.module';
import type { DirectoryConfig } from './config/directory.config';
import { CONFIG, KEYCLOAK_ADMIN, OBJECT_STORAGE } from './directory.constants';
import { KeycloakSyncModule } from './keycloak-sync/keycloak-sync.module';
import { TeamsModule } from './teams/teams.module';
import { UseCasesModule } from './use-cases/use-cases.module';
import { UsersModule } from './users/users.module';

/** Advisory-lock key of this service's outbox relay (unique per service database). */
const RELAY_LOCK_KEY = 4_203;

@Module({})
export class AppModule {
  static forConfig(config: DirectoryConfig): DynamicModule {
    const providers = [{ provide: CONFIG, useValue: config }, { provide: KEYCLOAK_ADMIN, useValue: new KeycloakAdminClient(config.keycloak) }, { provide: OBJECT_STORAGE, useFactory: () => createObjectStorage(config.storage) }, ...serviceInfrastructure(config, RELAY_LOCK_KEY)];
    return {
      module: AppModule,
      global: true,
      imports: [GrpcServerModule.forRoot({ ...config.grpc, maxMessageBytes: config.logo.maxBytes + 1024 * 1024 }), UsersModule, AccountsModule, KeycloakSyncModule, AccessTokensModule, CallersModule, TeamsModule, UseCasesModule, ObjectPurgesModule.register({ storage: OBJECT_STORAGE, intervalMs: config.logo.purgeIntervalMs })],
      controllers: [HealthHttpController],
      providers: [...providers, OutboxRelayService],
      exports: [CONFIG, KEYCLOAK_ADMIN, OBJECT_STORAGE, ...INFRASTRUCTURE_TOKENS],
    };
  }
}
