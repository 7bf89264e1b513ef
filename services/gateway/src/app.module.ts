import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessTokenVerifier, KeycloakUserDirectory } from '@crm/auth';
import { createGrpcClient } from '@crm/grpc';
import { createLogger } from '@crm/observability';
import { crm } from '@crm/proto';
import { AnalyticsHttpController } from './analytics/analytics.http-controller';
import { AuthGuard } from './auth/auth.guard';
import { PrincipalResolver } from './auth/principal.resolver';
import type { GatewayConfig } from './config/gateway.config';
import { OwnerCheck } from './auth/owner.check';
import { CaptureFormsHttpController, CaptureFormSubmissionsHttpController } from './capture-forms/capture-forms.http-controller';
import { ContactsGatewayService } from './contacts/contacts.gateway-service';
import { ContactsHttpController } from './contacts/contacts.http-controller';
import { ContactCustomFieldsHttpController, DealCustomFieldsHttpController, LeadCustomFieldsHttpController } from './custom-fields/custom-fields.http-controller';
import { LeadConversionsGatewayService } from './lead-conversions/lead-conversions.gateway-service';
import { LeadConversionsHttpController } from './lead-conversions/lead-conversions.http-controller';
import { ExportsHttpController, ImportsHttpController } from './data-jobs/data-jobs.http-controller';
import { PipelinesHttpController, StagesHttpController } from './pipelines/pipelines.http-controller';
import { DealsGatewayService } from './deals/deals.gateway-service';
import { DealsHttpController } from './deals/deals.http-controller';
import { DocumentsHttpController } from './documents/documents.http-controller';
import { OrdersHttpController } from './orders/orders.http-controller';
import { ProductsHttpController } from './products/products.http-controller';
import { NotesGatewayService } from './notes/notes.gateway-service';
import { NotesHttpController } from './notes/notes.http-controller';
import { SearchHttpController } from './search/search.http-controller';
import { CAPTURE_FORM_SUBMISSIONS_CLIENT, ANALYTICS_CLIENT, CAPTURE_FORMS_CLIENT, CONFIG, DEALS_CLIENT, ORDERS_CLIENT, PRODUCTS_CLIENT, PIPELINES_CLIENT, CONTACTS_CLIENT, DATA_JOBS_CLIENT, DOCUMENTS_CLIENT, LEAD_CONVERSIONS_CLIENT, DEAL_NOTES_CLIENT, LEAD_NOTES_CLIENT, SEARCH_CLIENT, DEAL_CUSTOM_FIELDS_CLIENT, DEAL_REFERENCE_LISTS_CLIENT, LEAD_CUSTOM_FIELDS_CLIENT, LEAD_REFERENCE_LISTS_CLIENT, LEADS_CLIENT, LOGGER, TOKEN_VERIFIER, USER_DIRECTORY } from './gateway.constants';
import { HealthHttpController } from './health/health.http-controller';
import { LeadsGatewayService } from './leads/leads.gateway-service';
import { LeadsHttpController } from './leads/leads.http-controller';
import { OpenApiHttpController } from './openapi/openapi.http-controller';
import { ReferenceListsGatewayService } from './reference-lists/reference-lists.gateway-service';
import { DealSourcesHttpController, DealUnqualifiedReasonsHttpController, LeadSourcesHttpController, LeadUnqualifiedReasonsHttpController, LossReasonsHttpController } from './reference-lists/reference-lists.http-controller';
import { TextInputInterceptor } from './sell/text-input.interceptor';
import { SellExceptionFilter } from './sell/sell-exception.filter';
import { Upstream } from './upstream';

@Module({})
export class AppModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    const k = config.keycloak;
    return {
      module: AppModule,
      controllers: [LeadsHttpController, ContactsHttpController, LeadConversionsHttpController, NotesHttpController, DocumentsHttpController, CaptureFormsHttpController, CaptureFormSubmissionsHttpController, ImportsHttpController, ExportsHttpController, PipelinesHttpController, StagesHttpController, DealsHttpController, ProductsHttpController, OrdersHttpController, AnalyticsHttpController, SearchHttpController, LeadSourcesHttpController, LeadUnqualifiedReasonsHttpController, DealSourcesHttpController, LossReasonsHttpController, DealUnqualifiedReasonsHttpController, LeadCustomFieldsHttpController, ContactCustomFieldsHttpController, DealCustomFieldsHttpController, OpenApiHttpController, HealthHttpController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: createLogger(config.serviceName, config.logLevel) },
        { provide: TOKEN_VERIFIER, useValue: new AccessTokenVerifier({ issuer: k.issuer, audience: k.audience, jwksUrl: `${k.url}/realms/${k.realm}/protocol/openid-connect/certs` }) },
        {
          provide: USER_DIRECTORY,
          useValue: new KeycloakUserDirectory({ baseUrl: k.url, realm: k.realm, clientId: k.clientId, clientSecret: k.clientSecret, cacheTtlMs: k.directoryCacheTtlMs }),
        },
        { provide: LEADS_CLIENT, useFactory: () => createGrpcClient(crm.leads.v1.LeadsServiceClient, config.services.leadsContacts) },
        { provide: LEAD_CONVERSIONS_CLIENT, useFactory: () => createGrpcClient(crm.leads.v1.LeadConversionsServiceClient, config.services.leadsContacts) },
        { provide: SEARCH_CLIENT, useFactory: () => createGrpcClient(crm.leads.v1.SearchServiceClient, config.services.leadsContacts) },
        { provide: LEAD_NOTES_CLIENT, useFactory: () => createGrpcClient(crm.common.v1.NotesServiceClient, config.services.leadsContacts) },
        { provide: DEAL_NOTES_CLIENT, useFactory: () => createGrpcClient(crm.common.v1.NotesServiceClient, config.services.dealsPipelines) },
        {
          provide: DOCUMENTS_CLIENT,
          useFactory: () => createGrpcClient(crm.leads.v1.DocumentsServiceClient, config.services.leadsContacts, { maxMessageBytes: config.services.maxMessageBytes }),
        },
        {
          provide: DATA_JOBS_CLIENT,
          useFactory: () => createGrpcClient(crm.leads.v1.DataJobsServiceClient, config.services.leadsContacts, { maxMessageBytes: config.services.maxMessageBytes }),
        },
        { provide: DEALS_CLIENT, useFactory: () => createGrpcClient(crm.deals.v1.DealsServiceClient, config.services.dealsPipelines) },
        { provide: ANALYTICS_CLIENT, useFactory: () => createGrpcClient(crm.deals.v1.AnalyticsServiceClient, config.services.dealsPipelines) },
        { provide: PRODUCTS_CLIENT, useFactory: () => createGrpcClient(crm.deals.v1.ProductsServiceClient, config.services.dealsPipelines) },
        { provide: ORDERS_CLIENT, useFactory: () => createGrpcClient(crm.deals.v1.OrdersServiceClient, config.services.dealsPipelines) },
        { provide: PIPELINES_CLIENT, useFactory: () => createGrpcClient(crm.deals.v1.PipelinesServiceClient, config.services.dealsPipelines) },
        { provide: CAPTURE_FORMS_CLIENT, useFactory: () => createGrpcClient(crm.leads.v1.CaptureFormsServiceClient, config.services.leadsContacts) },
        { provide: CAPTURE_FORM_SUBMISSIONS_CLIENT, useFactory: () => createGrpcClient(crm.leads.v1.CaptureFormSubmissionsServiceClient, config.services.leadsContacts) },
        { provide: CONTACTS_CLIENT, useFactory: () => createGrpcClient(crm.leads.v1.ContactsServiceClient, config.services.leadsContacts) },
        { provide: LEAD_CUSTOM_FIELDS_CLIENT, useFactory: () => createGrpcClient(crm.common.v1.CustomFieldsServiceClient, config.services.leadsContacts) },
        { provide: DEAL_CUSTOM_FIELDS_CLIENT, useFactory: () => createGrpcClient(crm.common.v1.CustomFieldsServiceClient, config.services.dealsPipelines) },
        { provide: LEAD_REFERENCE_LISTS_CLIENT, useFactory: () => createGrpcClient(crm.common.v1.ReferenceListsServiceClient, config.services.leadsContacts) },
        { provide: DEAL_REFERENCE_LISTS_CLIENT, useFactory: () => createGrpcClient(crm.common.v1.ReferenceListsServiceClient, config.services.dealsPipelines) },
        PrincipalResolver,
        Upstream,
        OwnerCheck,
        LeadsGatewayService,
        ContactsGatewayService,
        ReferenceListsGatewayService,
        DealsGatewayService,
        LeadConversionsGatewayService,
        NotesGatewayService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: SellExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: TextInputInterceptor },
      ],
    };
  }
}
