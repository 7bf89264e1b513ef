import { Controller, Inject } from '@nestjs/common';
import { crm } from '@crm/proto';
import { ReferenceListsGatewayService } from '../../reference-lists/reference-lists.gateway-service';
import { ReferenceListHttpController } from '../../reference-lists/reference-lists.http-controller';
import { DEAL_REFERENCE_LISTS } from './deals-pipelines.constants';

@Controller('v2/deal_sources')
export class DealSourcesHttpController extends ReferenceListHttpController {
  constructor(@Inject(DEAL_REFERENCE_LISTS) lists: ReferenceListsGatewayService) {
    super(lists, { list: crm.common.v1.ReferenceList.REFERENCE_LIST_DEAL_SOURCE, type: 'deal_source', path: '/v2/deal_sources', extra: { resource_type: 'deal' } });
  }
}

/** Sell's deprecated `/v2/sources`, which its clients still call: the deal sources under their old name. */
@Controller('v2/sources')
export class SourcesHttpController extends ReferenceListHttpController {
  constructor(@Inject(DEAL_REFERENCE_LISTS) lists: ReferenceListsGatewayService) {
    super(lists, { list: crm.common.v1.ReferenceList.REFERENCE_LIST_DEAL_SOURCE, type: 'source', path: '/v2/sources', extra: { resource_type: 'deal' } });
  }
}

@Controller('v2/loss_reasons')
export class LossReasonsHttpController extends ReferenceListHttpController {
  constructor(@Inject(DEAL_REFERENCE_LISTS) lists: ReferenceListsGatewayService) {
    super(lists, { list: crm.common.v1.ReferenceList.REFERENCE_LIST_LOSS_REASON, type: 'loss_reason', path: '/v2/loss_reasons', extra: {} });
  }
}

@Controller('v2/deal_unqualified_reasons')
export class DealUnqualifiedReasonsHttpController extends ReferenceListHttpController {
  constructor(@Inject(DEAL_REFERENCE_LISTS) lists: ReferenceListsGatewayService) {
    super(lists, { list: crm.common.v1.ReferenceList.REFERENCE_LIST_DEAL_UNQUALIFIED_REASON, type: 'deal_unqualified_reason', path: '/v2/deal_unqualified_reasons', extra: {} });
  }
}
