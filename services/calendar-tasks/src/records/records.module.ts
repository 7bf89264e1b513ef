import { Module } from '@nestjs/common';
import { createGrpcClient } from '@crm/grpc';
import { crm } from '@crm/proto';
import { CONFIG, CONTACTS_CLIENT, DEALS_CLIENT, LEADS_CLIENT, PHONE_LOOKUP_CLIENT, USERS_CLIENT } from '../calendar-tasks.constants';
import type { CalendarTasksConfig } from '../config/calendar-tasks.config';
import { RecordDirectory } from './record-directory';
import { UserDirectory } from './user-directory';

/** The leads, contacts and deals activities are on, and the users they involve, as their own services answer for them. */
@Module({
  providers: [
    { provide: LEADS_CLIENT, inject: [CONFIG], useFactory: (c: CalendarTasksConfig) => createGrpcClient(crm.leads.v1.LeadsServiceClient, c.upstreams.leadsContacts.grpcUrl) },
    { provide: CONTACTS_CLIENT, inject: [CONFIG], useFactory: (c: CalendarTasksConfig) => createGrpcClient(crm.leads.v1.ContactsServiceClient, c.upstreams.leadsContacts.grpcUrl) },
    { provide: PHONE_LOOKUP_CLIENT, inject: [CONFIG], useFactory: (c: CalendarTasksConfig) => createGrpcClient(crm.leads.v1.PhoneLookupServiceClient, c.upstreams.leadsContacts.grpcUrl) },
    { provide: DEALS_CLIENT, inject: [CONFIG], useFactory: (c: CalendarTasksConfig) => createGrpcClient(crm.deals.v1.DealsServiceClient, c.upstreams.dealsPipelines.grpcUrl) },
    { provide: USERS_CLIENT, inject: [CONFIG], useFactory: (c: CalendarTasksConfig) => createGrpcClient(crm.directory.v1.UsersServiceClient, c.owners.directory.grpcUrl) },
    RecordDirectory,
    UserDirectory,
  ],
  exports: [RecordDirectory, UserDirectory],
})
export class RecordsModule {}
