import { Module } from '@nestjs/common';
import { crm } from '@crm/proto';
import { referenceListsOf } from '../../reference-lists/reference-lists.gateway-service';
import { grpcClient, type UpstreamAddress } from '../../upstream-clients';
import { CaptureFormsHttpController, CaptureFormSubmissionsHttpController } from './capture-forms/capture-forms.http-controller';
import { ContactsGatewayService } from './contacts/contacts.gateway-service';
import { ContactsHttpController } from './contacts/contacts.http-controller';
import { ExportsHttpController, ImportsHttpController } from './data-jobs/data-jobs.http-controller';
import { DocumentsHttpController } from './documents/documents.http-controller';
import { ContactCustomFieldsHttpController, LeadCustomFieldsHttpController } from './lead-custom-fields.http-controller';
import { LeadSourcesHttpController, LeadUnqualifiedReasonsHttpController } from './lead-lists.http-controller';
import {
  CAPTURE_FORM_SUBMISSIONS_CLIENT, CAPTURE_FORMS_CLIENT, CONTACTS_CLIENT, DATA_JOBS_CLIENT, DOCUMENTS_CLIENT, LEAD_CONVERSIONS_CLIENT, LEAD_CUSTOM_FIELDS_CLIENT,
  LEAD_COLLABORATIONS_CLIENT, LEAD_NOTES_CLIENT, LEAD_REFERENCE_LISTS, LEAD_TAGS_CLIENT, LEADS_CLIENT, SEARCH_CLIENT,
} from './leads-contacts.constants';
import { leadsContactsOpenApi } from './leads-contacts.openapi';
import { LeadsGatewayService } from './leads/leads.gateway-service';
import { LeadsHttpController, LeadStatusesHttpController } from './leads/leads.http-controller';
import { SearchHttpController } from './search/search.http-controller';

const address: UpstreamAddress = (config) => config.services.leadsContacts;

/**
 * What the gateway serves from leads-contacts: its clients, controllers, gateway services and
 * OpenAPI paths. It exports the clients and services that flows across services use.
 */
@Module({
  controllers: [
    LeadsHttpController, LeadStatusesHttpController, ContactsHttpController, LeadSourcesHttpController, LeadUnqualifiedReasonsHttpController, LeadCustomFieldsHttpController, ContactCustomFieldsHttpController,
    SearchHttpController, DocumentsHttpController, CaptureFormsHttpController, CaptureFormSubmissionsHttpController, ImportsHttpController, ExportsHttpController,
  ],
  providers: [
    grpcClient(LEADS_CLIENT, crm.leads.v1.LeadsServiceClient, address),
    grpcClient(CONTACTS_CLIENT, crm.leads.v1.ContactsServiceClient, address),
    grpcClient(LEAD_CONVERSIONS_CLIENT, crm.leads.v1.LeadConversionsServiceClient, address),
    grpcClient(LEAD_NOTES_CLIENT, crm.common.v1.NotesServiceClient, address),
    grpcClient(LEAD_TAGS_CLIENT, crm.common.v1.TagsServiceClient, address),
    grpcClient(LEAD_COLLABORATIONS_CLIENT, crm.common.v1.CollaborationsServiceClient, address),
    grpcClient(SEARCH_CLIENT, crm.leads.v1.SearchServiceClient, address),
    grpcClient(DOCUMENTS_CLIENT, crm.leads.v1.DocumentsServiceClient, address, { large: true }),
    grpcClient(DATA_JOBS_CLIENT, crm.leads.v1.DataJobsServiceClient, address, { large: true }),
    grpcClient(CAPTURE_FORMS_CLIENT, crm.leads.v1.CaptureFormsServiceClient, address),
    grpcClient(CAPTURE_FORM_SUBMISSIONS_CLIENT, crm.leads.v1.CaptureFormSubmissionsServiceClient, address),
    grpcClient(LEAD_CUSTOM_FIELDS_CLIENT, crm.common.v1.CustomFieldsServiceClient, address),
    referenceListsOf(LEAD_REFERENCE_LISTS, address),
    LeadsGatewayService,
    ContactsGatewayService,
  ],
  exports: [LEADS_CLIENT, LEAD_CONVERSIONS_CLIENT, LEAD_NOTES_CLIENT, LEAD_TAGS_CLIENT, LEAD_COLLABORATIONS_CLIENT, LeadsGatewayService],
})
export class LeadsContactsModule {
  static openApi = leadsContactsOpenApi;
}
