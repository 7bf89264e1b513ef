import { Module } from '@nestjs/common';
import { crm } from '@crm/proto';
import { grpcClient, type UpstreamAddress } from '../../upstream-clients';
import { AccountsHttpController } from './accounts/accounts.http-controller';
import { ACCOUNTS_CLIENT, USERS_CLIENT } from './directory.constants';
import { directoryOpenApi } from './directory.openapi';
import { UsersHttpController } from './users/users.http-controller';

const address: UpstreamAddress = (config) => config.services.directory;

/** What the gateway serves from the directory: users and the account. */
@Module({
  controllers: [UsersHttpController, AccountsHttpController],
  providers: [grpcClient(USERS_CLIENT, crm.directory.v1.UsersServiceClient, address), grpcClient(ACCOUNTS_CLIENT, crm.directory.v1.AccountsServiceClient, address)],
})
export class DirectoryModule {
  static openApi = directoryOpenApi;
}
