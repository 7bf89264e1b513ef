import { Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { TaggedRecords } from '@crm/records';
import { DealsService } from '../deals/deals.service';
import type { Trx } from '../database';

/** Deals as the records the tag list renames and removes tags on. */
@Injectable()
export class DealTags implements TaggedRecords {
  constructor(private readonly deals: DealsService) {}

  retag(trx: Trx, principal: Principal, _resourceType: string, from: string, to: string | null): Promise<number> {
    return this.deals.retagIn(trx, principal, from, to);
  }
}
