import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { bindAnonymousUnaryService, bindUnaryService, startGrpcServer, type GrpcServerHost } from '@crm/grpc';
import type { Logger } from '@crm/observability';
import { crm } from '@crm/proto';
import { CustomFieldsGrpcController, NotesGrpcController, ReferenceListsGrpcController } from '@crm/records';
import type { LeadsContactsConfig } from './config/leads-contacts.config';
import { CONFIG, LOGGER } from './leads-contacts.constants';
import { CaptureFormsGrpcController, CaptureFormSubmissionsGrpcController } from './capture-forms/capture-forms.grpc-controller';
import { ContactsGrpcController } from './contacts/contacts.grpc-controller';
import { LeadConversionsGrpcController } from './lead-conversions/lead-conversions.grpc-controller';
import { LeadsGrpcController } from './leads/leads.grpc-controller';
import { DataJobsGrpcController } from './data-jobs/data-jobs.grpc-controller';
import { DocumentsGrpcController } from './documents/documents.grpc-controller';
import { SearchGrpcController } from './search/search.grpc-controller';

/** Serves this service's gRPC API with the standard health service. */
@Injectable()
export class GrpcServerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private host?: GrpcServerHost;

  constructor(
    @Inject(CONFIG) private readonly config: LeadsContactsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly leads: LeadsGrpcController,
    private readonly referenceLists: ReferenceListsGrpcController,
    private readonly customFields: CustomFieldsGrpcController,
    private readonly contacts: ContactsGrpcController,
    private readonly conversions: LeadConversionsGrpcController,
    private readonly notes: NotesGrpcController,
    private readonly searchController: SearchGrpcController,
    private readonly documents: DocumentsGrpcController,
    private readonly captureForms: CaptureFormsGrpcController,
    private readonly captureFormSubmissions: CaptureFormSubmissionsGrpcController,
    private readonly dataJobs: DataJobsGrpcController,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.host = await startGrpcServer(this.config.grpc.host, this.config.grpc.port, [
      { name: 'crm.leads.v1.LeadsService', definition: crm.leads.v1.LeadsServiceService, implementation: bindUnaryService(crm.leads.v1.LeadsServiceService, this.leads, this.logger) },
      {
        name: 'crm.common.v1.ReferenceListsService',
        definition: crm.common.v1.ReferenceListsServiceService,
        implementation: bindUnaryService(crm.common.v1.ReferenceListsServiceService, this.referenceLists, this.logger),
      },
      {
        name: 'crm.leads.v1.LeadConversionsService',
        definition: crm.leads.v1.LeadConversionsServiceService,
        implementation: bindUnaryService(crm.leads.v1.LeadConversionsServiceService, this.conversions, this.logger),
      },
      { name: 'crm.leads.v1.SearchService', definition: crm.leads.v1.SearchServiceService, implementation: bindUnaryService(crm.leads.v1.SearchServiceService, this.searchController, this.logger) },
      { name: 'crm.common.v1.NotesService', definition: crm.common.v1.NotesServiceService, implementation: bindUnaryService(crm.common.v1.NotesServiceService, this.notes, this.logger) },
      { name: 'crm.leads.v1.ContactsService', definition: crm.leads.v1.ContactsServiceService, implementation: bindUnaryService(crm.leads.v1.ContactsServiceService, this.contacts, this.logger) },
      {
        name: 'crm.common.v1.CustomFieldsService',
        definition: crm.common.v1.CustomFieldsServiceService,
        implementation: bindUnaryService(crm.common.v1.CustomFieldsServiceService, this.customFields, this.logger),
      },
      {
        name: 'crm.leads.v1.DocumentsService',
        definition: crm.leads.v1.DocumentsServiceService,
        implementation: bindUnaryService(crm.leads.v1.DocumentsServiceService, this.documents, this.logger),
      },
      {
        name: 'crm.leads.v1.CaptureFormsService',
        definition: crm.leads.v1.CaptureFormsServiceService,
        implementation: bindUnaryService(crm.leads.v1.CaptureFormsServiceService, this.captureForms, this.logger),
      },
      {
        name: 'crm.leads.v1.DataJobsService',
        definition: crm.leads.v1.DataJobsServiceService,
        implementation: bindUnaryService(crm.leads.v1.DataJobsServiceService, this.dataJobs, this.logger),
      },
      {
        name: 'crm.leads.v1.CaptureFormSubmissionsService',
        definition: crm.leads.v1.CaptureFormSubmissionsServiceService,
        implementation: bindAnonymousUnaryService(crm.leads.v1.CaptureFormSubmissionsServiceService, this.captureFormSubmissions, this.logger),
      },
    ], { maxMessageBytes: this.config.grpcMaxMessageBytes });
    this.logger.info({ port: this.host.port }, 'gRPC server listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host?.shutdown();
  }
}
