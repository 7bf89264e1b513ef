import { Module, type DynamicModule } from '@nestjs/common';
import { collaboratesOn, CollaborationsModule, CustomFieldsModule, NotesModule, OwnersModule, ReferenceListsModule, TagsModule } from '@crm/records';
import { GrpcServerModule, HealthHttpController, INFRASTRUCTURE_TOKENS, OutboxRelayService, serviceInfrastructure } from '@crm/service';
import type { DealsPipelinesConfig } from './config/deals-pipelines.config';
import { AnalyticsModule } from './analytics/analytics.module';
import { CONFIG } from './deals-pipelines.constants';
import { DealsModule } from './deals/deals.module';
import { OrdersModule } from './orders/orders.module';
import { ProductsModule } from './products/products.module';
import { PipelinesModule } from './pipelines/pipelines.module';
import { UseCasesModule } from './use-cases/use-cases.module';
import { DealTags } from './tags/deal-tags';

/** Advisory-lock key of this service's outbox relay (unique per service database). */
const RELAY_LOCK_KEY = 4_202;

/** Deal sources, loss reasons and deal unqualified reasons; every new tenant starts with these. */
const REFERENCE_LISTS = ReferenceListsModule.register({
  lists: {
    deal_source: { defaults: ['Website', 'Referral', 'Event', 'Cold call', 'Partner'], usedBy: 'deals' },
    loss_reason: { defaults: ['Price', 'Competitor', 'No decision', 'Timing', 'Product fit'], usedBy: 'deals' },
    deal_unqualified_reason: { defaults: ['No budget', 'No authority', 'No need', 'Bad timing', 'Duplicate'], usedBy: 'deals' },
  },
  events: { created: 'dealsReferenceItemCreated', updated: 'dealsReferenceItemUpdated', deleted: 'dealsReferenceItemDeleted' },
});

const CUSTOM_FIELDS = CustomFieldsModule.register({
  resources: ['deal'],
  events: { created: 'dealsCustomFieldCreated', updated: 'dealsCustomFieldUpdated', deleted: 'dealsCustomFieldDeleted' },
});

/** Notes on deals; their ids start at 10^15 (migration 0006), which routes them in the gateway. */
const NOTES = NotesModule.register({
  records: { deal: 'deals' },
  // Collaborators on a deal see and write its notes.
  sharedWith: (userId, _type, dealId) => collaboratesOn(userId, 'deal', dealId),
  events: { created: 'dealsNoteCreated', updated: 'dealsNoteUpdated', deleted: 'dealsNoteDeleted' },
});

/** Deal collaborators; their ids start at 10^15 (migration 0014), which routes them in the gateway. */
const COLLABORATIONS = CollaborationsModule.register({
  records: { deal: 'deals' },
  events: { created: 'dealsCollaborationCreated', deleted: 'dealsCollaborationDeleted' },
});

/** Deal tags; their ids start at 10^15 (migration 0011), which routes them in the gateway. */
const TAGS = TagsModule.register({
  resourceTypes: ['deal'],
  taggedRecords: DealTags,
  imports: [DealsModule],
  events: { created: 'dealsTagCreated', updated: 'dealsTagUpdated', deleted: 'dealsTagDeleted' },
});

@Module({})
export class AppModule {
  static forConfig(config: DealsPipelinesConfig): DynamicModule {
    const providers = [{ provide: CONFIG, useValue: config }, ...serviceInfrastructure(config, RELAY_LOCK_KEY)];
    return {
      module: AppModule,
      global: true,
      imports: [GrpcServerModule.forRoot(config.grpc), PipelinesModule, DealsModule, COLLABORATIONS, UseCasesModule, ProductsModule, OrdersModule, AnalyticsModule, REFERENCE_LISTS, CUSTOM_FIELDS, NOTES, TAGS, OwnersModule.register(config.owners)],
      controllers: [HealthHttpController],
      providers: [...providers, OutboxRelayService],
      exports: [CONFIG, ...INFRASTRUCTURE_TOKENS],
    };
  }
}
