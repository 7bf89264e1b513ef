import { Module } from '@nestjs/common';
import { DealsPipelinesModule } from '../upstreams/deals-pipelines/deals-pipelines.module';
import { LeadsContactsModule } from '../upstreams/leads-contacts/leads-contacts.module';
import { TagsGatewayService } from './tags.gateway-service';
import { TagsHttpController } from './tags.http-controller';
import { tagsOpenApi } from './tags.openapi';

/** `/v2/tags`: lead and contact tags live in leads-contacts, deal tags in deals-pipelines. */
@Module({
  imports: [LeadsContactsModule, DealsPipelinesModule],
  controllers: [TagsHttpController],
  providers: [TagsGatewayService],
})
export class TagsModule {
  static openApi = tagsOpenApi;
}
