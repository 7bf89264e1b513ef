import { Module } from '@nestjs/common';
import { createGrpcClient } from '@crm/grpc';
import { crm } from '@crm/proto';
import type { DealsPipelinesConfig } from '../config/deals-pipelines.config';
import { ContactDirectory } from '../contacts/contact-directory';
import { CONFIG, CONTACTS_CLIENT, LEADS_CLIENT } from '../deals-pipelines.constants';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { DealContactsService } from './deal-contacts.service';
import { DealsRepository } from './deals.repository';
import { DealsService } from './deals.service';

@Module({
  imports: [PipelinesModule],
  providers: [
    { provide: CONTACTS_CLIENT, inject: [CONFIG], useFactory: (config: DealsPipelinesConfig) => createGrpcClient(crm.leads.v1.ContactsServiceClient, config.leadsContacts.grpcUrl) },
    { provide: LEADS_CLIENT, inject: [CONFIG], useFactory: (config: DealsPipelinesConfig) => createGrpcClient(crm.leads.v1.LeadsServiceClient, config.leadsContacts.grpcUrl) },
    ContactDirectory,
    DealsRepository,
    DealsService,
    DealContactsService,
  ],
  exports: [DealsService, DealContactsService, DealsRepository, ContactDirectory],
})
export class DealsModule {}
