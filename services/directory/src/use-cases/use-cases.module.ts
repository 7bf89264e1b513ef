import { Module } from '@nestjs/common';
import { KeycloakSyncModule } from '../keycloak-sync/keycloak-sync.module';
import { TeamsModule } from '../teams/teams.module';
import { UsersModule } from '../users/users.module';
import { UserAdministration } from './user-administration.use-case';
import { UsersGrpcController } from './users.grpc-controller';

/** Flows across users, teams and Keycloak, with the users' gRPC transport that starts them. */
@Module({
  imports: [UsersModule, TeamsModule, KeycloakSyncModule],
  providers: [UserAdministration, UsersGrpcController],
})
export class UseCasesModule {}
