import { Module, type DynamicModule } from '@nestjs/common';
import { GrpcServerModule, HealthHttpController, INFRASTRUCTURE_TOKENS, ObjectPurgesModule, OutboxRelayService, serviceInfrastructure } from '@crm/service';
import { collaboratesOn, CollaborationsModule, CustomFieldsModule, NotesModule, OwnersModule, ReferenceListsModule, TagsModule } from '@crm/records';
import { createObjectStorage } from '@crm/storage';
import type { LeadsContactsConfig } from './config/leads-contacts.config';
import { LEAD_CONTACT_RECORDS } from './records/attached-record';
import { CONFIG, OBJECT_STORAGE } from './leads-contacts.constants';
import { CaptureFormsModule } from './capture-forms/capture-forms.module';
import { DataJobsModule } from './data-jobs/data-jobs.module';
import { DocumentsModule } from './documents/documents.module';
import { ContactsModule } from './contacts/contacts.module';
import { LeadConversionsModule } from './lead-conversions/lead-conversions.module';
import { LeadsModule } from './leads/leads.module';
import { PhoneLookupModule } from './phone-lookup/phone-lookup.module';
import { SearchModule } from './search/search.module';
import { LeadAndContactTags } from './tags/lead-and-contact-tags';

/** Lead sources and unqualified reasons; every new tenant starts with these (Sell accounts do too). */
const REFERENCE_LISTS = ReferenceListsModule.register({
  lists: {
    lead_source: { defaults: ['Website', 'Referral', 'Event', 'Cold call', 'Capture form'], usedBy: 'leads or capture forms' },
    lead_unqualified_reason: { defaults: ['Not interested', 'No budget', 'Bad timing', 'Not a decision maker', 'Unreachable'], usedBy: 'leads' },
  },
  events: { created: 'leadsReferenceItemCreated', updated: 'leadsReferenceItemUpdated', deleted: 'leadsReferenceItemDeleted' },
});

const CUSTOM_FIELDS = CustomFieldsModule.register({
  resources: ['lead', 'contact'],
  events: { created: 'leadsCustomFieldCreated', updated: 'leadsCustomFieldUpdated', deleted: 'leadsCustomFieldDeleted' },
});

const NOTES = NotesModule.register({
  records: LEAD_CONTACT_RECORDS,
  // Collaborators on a lead or contact see and write its notes.
  sharedWith: (userId, type, id) => collaboratesOn(userId, type, id),
  events: { created: 'leadsNoteCreated', updated: 'leadsNoteUpdated', deleted: 'leadsNoteDeleted' },
});

/** Lead and contact collaborators; deal collaborators live in deals-pipelines with ids from 10^15. */
const COLLABORATIONS = CollaborationsModule.register({
  records: LEAD_CONTACT_RECORDS,
  events: { created: 'leadsCollaborationCreated', deleted: 'leadsCollaborationDeleted' },
});

const TAGS = TagsModule.register({
  resourceTypes: ['lead', 'contact'],
  taggedRecords: LeadAndContactTags,
  imports: [LeadsModule, ContactsModule],
  events: { created: 'leadsTagCreated', updated: 'leadsTagUpdated', deleted: 'leadsTagDeleted' },
});

/** Advisory-lock key of this service's outbox relay (unique per service database). */
const RELAY_LOCK_KEY = 4_201;

@Module({})
export class AppModule {
  static forConfig(config: LeadsContactsConfig): DynamicModule {
    const infrastructure = {
      module: AppModule,
      global: true,
      providers: [
        { provide: CONFIG, useValue: config },
        ...serviceInfrastructure(config, RELAY_LOCK_KEY),
        { provide: OBJECT_STORAGE, useFactory: () => createObjectStorage(config.storage) },
      ],
      exports: [CONFIG, ...INFRASTRUCTURE_TOKENS, OBJECT_STORAGE],
    };
    return {
      ...infrastructure,
      imports: [GrpcServerModule.forRoot({ ...config.grpc, maxMessageBytes: config.grpcMaxMessageBytes }), LeadsModule, ContactsModule, LeadConversionsModule, NOTES, TAGS, COLLABORATIONS, OwnersModule.register(config.owners), ObjectPurgesModule.register({ storage: OBJECT_STORAGE, intervalMs: config.documents.purgeIntervalMs }), DocumentsModule, CaptureFormsModule, DataJobsModule, SearchModule, PhoneLookupModule, REFERENCE_LISTS, CUSTOM_FIELDS],
      controllers: [HealthHttpController],
      providers: [...infrastructure.providers, OutboxRelayService],
    };
  }
}
