import { Module, type DynamicModule } from '@nestjs/common';
import { KeycloakAdminClient } from '@crm/auth';
import { GrpcServerModule, HealthHttpController, INFRASTRUCTURE_TOKENS, OutboxRelayService, serviceInfrastructure } from '@crm/service';
import { AccessTokensModule } from './access-tokens/access-tokens.module';
import { AccountsModule } from './accounts/accounts.module';
import { CallersModule } from './callers/callers.module';
import type { DirectoryConfig } from './config/directory.config';
import { CONFIG, KEYCLOAK_ADMIN } from './directory.constants';
import { SyncModule } from './sync/sync.module';
import { TeamsModule } from './teams/teams.module';
import { UseCasesModule } from './use-cases/use-cases.module';
import { UsersModule } from './users/users.module';

/** Advisory-lock key of this service's outbox relay (unique per service database). */
const RELAY_LOCK_KEY = 4_203;

@Module({})
export class AppModule {
  static forConfig(config: DirectoryConfig): DynamicModule {
    const providers = [{ provide: CONFIG, useValue: config }, { provide: KEYCLOAK_ADMIN, useValue: new KeycloakAdminClient(config.keycloak) }, ...serviceInfrastructure(config, RELAY_LOCK_KEY)];
    return {
      module: AppModule,
      global: true,
      imports: [GrpcServerModule.forRoot(config.grpc), UsersModule, AccountsModule, SyncModule, AccessTokensModule, CallersModule, TeamsModule, UseCasesModule],
      controllers: [HealthHttpController],
      providers: [...providers, OutboxRelayService],
      exports: [CONFIG, KEYCLOAK_ADMIN, ...INFRASTRUCTURE_TOKENS],
    };
  }
}
