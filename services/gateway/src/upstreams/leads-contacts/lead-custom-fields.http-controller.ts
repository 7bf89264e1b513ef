import { Controller, Inject } from '@nestjs/common';
import { crm } from '@crm/proto';
import { CustomFieldsHttpController } from '../../custom-fields/custom-fields.http-controller';
import { Upstream } from '../../upstream';
import { LEAD_CUSTOM_FIELDS_CLIENT } from './leads-contacts.constants';

@Controller('v2/lead/custom_fields')
export class LeadCustomFieldsHttpController extends CustomFieldsHttpController {
  constructor(@Inject(LEAD_CUSTOM_FIELDS_CLIENT) client: crm.common.v1.CustomFieldsServiceClient, upstream: Upstream) {
    super(client, upstream, crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_LEAD, false);
  }
}

@Controller('v2/contact/custom_fields')
export class ContactCustomFieldsHttpController extends CustomFieldsHttpController {
  constructor(@Inject(LEAD_CUSTOM_FIELDS_CLIENT) client: crm.common.v1.CustomFieldsServiceClient, upstream: Upstream) {
    super(client, upstream, crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_CONTACT, true);
  }
}
