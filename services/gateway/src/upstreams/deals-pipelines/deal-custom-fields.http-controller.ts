import { Controller, Inject } from '@nestjs/common';
import { crm } from '@crm/proto';
import { CustomFieldsHttpController } from '../../custom-fields/custom-fields.http-controller';
import { Upstream } from '../../upstream';
import { DEAL_CUSTOM_FIELDS_CLIENT } from './deals-pipelines.constants';

@Controller('v2/deal/custom_fields')
export class DealCustomFieldsHttpController extends CustomFieldsHttpController {
  constructor(@Inject(DEAL_CUSTOM_FIELDS_CLIENT) client: crm.common.v1.CustomFieldsServiceClient, upstream: Upstream) {
    super(client, upstream, crm.common.v1.CustomFieldResource.CUSTOM_FIELD_RESOURCE_DEAL, false);
  }
}
