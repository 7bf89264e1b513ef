import { Module, type DynamicModule } from '@nestjs/common';
import { createGrpcClient } from '@crm/grpc';
import { crm } from '@crm/proto';
import { AssignableOwners } from './assignable-owners';
import { DIRECTORY_USERS_CLIENT, OWNERS_OPTIONS, type OwnersOptions } from './owners.config';
import { TenantUsersConsumer } from './tenant-users.consumer';
import { TenantUsersRepository } from './tenant-users.repository';

/** The owner rule of a service's records, against its copy of the directory's users. */
@Module({})
export class OwnersModule {
  static register(options: OwnersOptions): DynamicModule {
    return {
      module: OwnersModule,
      global: true,
      providers: [
        { provide: OWNERS_OPTIONS, useValue: options },
        { provide: DIRECTORY_USERS_CLIENT, useFactory: () => createGrpcClient(crm.directory.v1.UsersServiceClient, options.directory.grpcUrl) },
        TenantUsersRepository,
        AssignableOwners,
        TenantUsersConsumer,
      ],
      exports: [AssignableOwners],
    };
  }
}
