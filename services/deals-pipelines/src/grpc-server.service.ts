import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { bindUnaryService, startGrpcServer, type GrpcServerHost } from '@crm/grpc';
import type { Logger } from '@crm/observability';
import { crm } from '@crm/proto';
import type { DealsPipelinesConfig } from './config/deals-pipelines.config';
import { CONFIG, LOGGER } from './deals-pipelines.constants';
import { CustomFieldsGrpcController, NotesGrpcController, ReferenceListsGrpcController } from '@crm/records';
import { AnalyticsGrpcController } from './analytics/analytics.grpc-controller';
import { DealsGrpcController } from './deals/deals.grpc-controller';
import { OrdersGrpcController } from './orders/orders.grpc-controller';
import { ProductsGrpcController } from './products/products.grpc-controller';
import { PipelinesGrpcController } from './pipelines/pipelines.grpc-controller';

/** Serves this service's gRPC API with the standard health service. */
@Injectable()
export class GrpcServerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private host?: GrpcServerHost;

  constructor(
    @Inject(CONFIG) private readonly config: DealsPipelinesConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly pipelines: PipelinesGrpcController,
    private readonly deals: DealsGrpcController,
    private readonly referenceLists: ReferenceListsGrpcController,
    private readonly customFields: CustomFieldsGrpcController,
    private readonly products: ProductsGrpcController,
    private readonly orders: OrdersGrpcController,
    private readonly analytics: AnalyticsGrpcController,
    private readonly notes: NotesGrpcController,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.host = await startGrpcServer(this.config.grpc.host, this.config.grpc.port, [
      { name: 'crm.deals.v1.PipelinesService', definition: crm.deals.v1.PipelinesServiceService, implementation: bindUnaryService(crm.deals.v1.PipelinesServiceService, this.pipelines, this.logger) },
      { name: 'crm.deals.v1.ProductsService', definition: crm.deals.v1.ProductsServiceService, implementation: bindUnaryService(crm.deals.v1.ProductsServiceService, this.products, this.logger) },
      { name: 'crm.deals.v1.OrdersService', definition: crm.deals.v1.OrdersServiceService, implementation: bindUnaryService(crm.deals.v1.OrdersServiceService, this.orders, this.logger) },
      { name: 'crm.deals.v1.AnalyticsService', definition: crm.deals.v1.AnalyticsServiceService, implementation: bindUnaryService(crm.deals.v1.AnalyticsServiceService, this.analytics, this.logger) },
      { name: 'crm.common.v1.NotesService', definition: crm.common.v1.NotesServiceService, implementation: bindUnaryService(crm.common.v1.NotesServiceService, this.notes, this.logger) },
      { name: 'crm.deals.v1.DealsService', definition: crm.deals.v1.DealsServiceService, implementation: bindUnaryService(crm.deals.v1.DealsServiceService, this.deals, this.logger) },
      {
        name: 'crm.common.v1.ReferenceListsService',
        definition: crm.common.v1.ReferenceListsServiceService,
        implementation: bindUnaryService(crm.common.v1.ReferenceListsServiceService, this.referenceLists, this.logger),
      },
      {
        name: 'crm.common.v1.CustomFieldsService',
        definition: crm.common.v1.CustomFieldsServiceService,
        implementation: bindUnaryService(crm.common.v1.CustomFieldsServiceService, this.customFields, this.logger),
      },
    ]);
    this.logger.info({ port: this.host.port }, 'gRPC server listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host?.shutdown();
  }
}
