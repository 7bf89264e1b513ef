import { Module } from '@nestjs/common';
import { DealsPipelinesModule } from '../upstreams/deals-pipelines/deals-pipelines.module';
import { LeadsContactsModule } from '../upstreams/leads-contacts/leads-contacts.module';
import { CollaborationsGatewayService } from './collaborations.gateway-service';
import { CollaborationsHttpController } from './collaborations.http-controller';
import { collaborationsOpenApi } from './collaborations.openapi';

/** `/v2/collaborations`: lead and contact collaborators live in leads-contacts, deal collaborators in deals-pipelines. */
@Module({
  imports: [LeadsContactsModule, DealsPipelinesModule],
  controllers: [CollaborationsHttpController],
  providers: [CollaborationsGatewayService],
})
export class CollaborationsModule {
  static openApi = collaborationsOpenApi;
}
