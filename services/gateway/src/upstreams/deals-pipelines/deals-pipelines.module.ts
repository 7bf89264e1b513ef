import { Module } from '@nestjs/common';
import { crm } from '@crm/proto';
import { referenceListsOf } from '../../reference-lists/reference-lists.gateway-service';
import { grpcClient, type UpstreamAddress } from '../../upstream-clients';
import { AnalyticsHttpController } from './analytics/analytics.http-controller';
import { DealCustomFieldsHttpController } from './deal-custom-fields.http-controller';
import { DealSourcesHttpController, DealUnqualifiedReasonsHttpController, LossReasonsHttpController, SourcesHttpController } from './deal-lists.http-controller';
import { DealsGatewayService } from './deals/deals.gateway-service';
import { DealsHttpController } from './deals/deals.http-controller';
import { ANALYTICS_CLIENT, DEAL_COLLABORATIONS_CLIENT, DEAL_CUSTOM_FIELDS_CLIENT, DEAL_NOTES_CLIENT, DEAL_REFERENCE_LISTS, DEAL_TAGS_CLIENT, DEALS_CLIENT, ORDERS_CLIENT, PIPELINES_CLIENT, PRODUCTS_CLIENT } from './deals-pipelines.constants';
import { dealsPipelinesOpenApi } from './deals-pipelines.openapi';
import { OrdersHttpController } from './orders/orders.http-controller';
import { PipelinesHttpController, StagesHttpController } from './pipelines/pipelines.http-controller';
import { ProductsHttpController } from './products/products.http-controller';

const address: UpstreamAddress = (config) => config.services.dealsPipelines;

/**
 * What the gateway serves from deals-pipelines: its clients, controllers, gateway services and
 * OpenAPI paths. It exports the clients that flows across services use.
 */
@Module({
  controllers: [
    PipelinesHttpController, StagesHttpController, DealsHttpController, ProductsHttpController, OrdersHttpController, AnalyticsHttpController,
    DealSourcesHttpController, SourcesHttpController, LossReasonsHttpController, DealUnqualifiedReasonsHttpController, DealCustomFieldsHttpController,
  ],
  providers: [
    grpcClient(PIPELINES_CLIENT, crm.deals.v1.PipelinesServiceClient, address),
    grpcClient(DEALS_CLIENT, crm.deals.v1.DealsServiceClient, address),
    grpcClient(ANALYTICS_CLIENT, crm.deals.v1.AnalyticsServiceClient, address),
    grpcClient(PRODUCTS_CLIENT, crm.deals.v1.ProductsServiceClient, address),
    grpcClient(ORDERS_CLIENT, crm.deals.v1.OrdersServiceClient, address),
    grpcClient(DEAL_COLLABORATIONS_CLIENT, crm.common.v1.CollaborationsServiceClient, address),
    grpcClient(DEAL_NOTES_CLIENT, crm.common.v1.NotesServiceClient, address),
    grpcClient(DEAL_TAGS_CLIENT, crm.common.v1.TagsServiceClient, address),
    grpcClient(DEAL_CUSTOM_FIELDS_CLIENT, crm.common.v1.CustomFieldsServiceClient, address),
    referenceListsOf(DEAL_REFERENCE_LISTS, address),
    DealsGatewayService,
  ],
  exports: [DEALS_CLIENT, DEAL_NOTES_CLIENT, DEAL_TAGS_CLIENT, DEAL_COLLABORATIONS_CLIENT, ANALYTICS_CLIENT],
})
export class DealsPipelinesModule {
  static openApi = dealsPipelinesOpenApi;
}
