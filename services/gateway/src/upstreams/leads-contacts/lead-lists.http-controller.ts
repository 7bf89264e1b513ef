import { Controller, Inject } from '@nestjs/common';
import { crm } from '@crm/proto';
import { ReferenceListsGatewayService } from '../../reference-lists/reference-lists.gateway-service';
import { ReferenceListHttpController } from '../../reference-lists/reference-lists.http-controller';
import { LEAD_REFERENCE_LISTS } from './leads-contacts.constants';

@Controller('v2/lead_sources')
export class LeadSourcesHttpController extends ReferenceListHttpController {
  constructor(@Inject(LEAD_REFERENCE_LISTS) lists: ReferenceListsGatewayService) {
    super(lists, { list: crm.common.v1.ReferenceList.REFERENCE_LIST_LEAD_SOURCE, type: 'lead_source', path: '/v2/lead_sources', extra: { resource_type: 'lead' } });
  }
}

@Controller('v2/lead_unqualified_reasons')
export class LeadUnqualifiedReasonsHttpController extends ReferenceListHttpController {
  constructor(@Inject(LEAD_REFERENCE_LISTS) lists: ReferenceListsGatewayService) {
    super(lists, { list: crm.common.v1.ReferenceList.REFERENCE_LIST_LEAD_UNQUALIFIED_REASON, type: 'lead_unqualified_reason', path: '/v2/lead_unqualified_reasons', extra: {} });
  }
}
