import { Module } from '@nestjs/common';
import { crm } from '@crm/proto';
import { grpcClient } from '../../upstream-clients';
import { SYNC_CLIENT } from './sync.constants';
import { SyncHttpController } from './sync.http-controller';
import { syncOpenApi } from './sync.openapi';

/** What the gateway serves from the sync service: Sell's Sync API. */
@Module({
  controllers: [SyncHttpController],
  providers: [grpcClient(SYNC_CLIENT, crm.sync.v1.SyncServiceClient, (config) => config.services.sync)],
})
export class SyncModule {
  static openApi = syncOpenApi;
}
