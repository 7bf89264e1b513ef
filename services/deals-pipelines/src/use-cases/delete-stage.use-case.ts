import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { inTenantTransaction } from '@crm/db-pg';
import type { Database } from '../database';
import { DATABASE } from '../deals-pipelines.constants';
import { DealsService } from '../deals/deals.service';
import { PipelinesService } from '../pipelines/pipelines.service';

/**
 * Deletes an active stage (admins), moving its deals to another stage of the pipeline, in one
 * transaction: each moved deal gets its history row and events, and the pipeline's event names the
 * deleted stage, the target and the number of deals moved.
 */
@Injectable()
export class DeleteStageUseCase {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly pipelines: PipelinesService,
    private readonly deals: DealsService,
  ) {}

  async execute(principal: Principal, stageId: string, targetId: string | undefined): Promise<number> {
    return inTenantTransaction(this.db, principal.tenantId, async (trx) => {
      const deletion = await this.pipelines.planStageDeletion(trx, principal, stageId, targetId);
      this.pipelines.checkStageDeletion(deletion, await this.deals.countInStage(trx, stageId));
      const moved = deletion.target ? await this.deals.moveStageDeals(trx, principal, deletion.stage, deletion.target) : 0;
      await this.pipelines.completeStageDeletion(trx, principal.tenantId, deletion, moved);
      return moved;
    });
  }
}
