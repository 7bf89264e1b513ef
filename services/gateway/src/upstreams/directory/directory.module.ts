import { Module } from '@nestjs/common';
import { crm } from '@crm/proto';
import { directoryAddress, grpcClient } from '../../upstream-clients';
import { AccountsHttpController } from './accounts/accounts.http-controller';
import { AccessTokensHttpController } from './access-tokens/access-tokens.http-controller';
import { ACCESS_TOKENS_CLIENT, ACCOUNTS_CLIENT, TEAMS_CLIENT } from './directory.constants';
import { TeamsHttpController } from './teams/teams.http-controller';
import { directoryOpenApi } from './directory.openapi';
import { UsersHttpController } from './users/users.http-controller';

/** What the gateway serves from the directory: users (through the gateway's USERS_CLIENT), teams, the account and personal access tokens. */
@Module({
  controllers: [UsersHttpController, TeamsHttpController, AccountsHttpController, AccessTokensHttpController],
  providers: [
    grpcClient(ACCOUNTS_CLIENT, crm.directory.v1.AccountsServiceClient, directoryAddress, { large: true }), grpcClient(ACCESS_TOKENS_CLIENT, crm.directory.v1.AccessTokensServiceClient, directoryAddress),
    grpcClient(TEAMS_CLIENT, crm.directory.v1.TeamsServiceClient, directoryAddress),
  ],
})
export class DirectoryModule {
  static openApi = directoryOpenApi;
}
