import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type DealsMessage as Req } from '@crm/proto';
import { DeleteStageUseCase } from '../use-cases/delete-stage.use-case';
import { PipelinesService } from './pipelines.service';

/** gRPC transport of pipelines and stages: translation only. A stage deletion moves deals, so it is a use case. */
@Injectable()
@GrpcService(crm.deals.v1.PipelinesServiceService)
export class PipelinesGrpcController implements AsyncService<crm.deals.v1.PipelinesServiceServer> {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly deleteStageUseCase: DeleteStageUseCase,
  ) {}

  async listPipelines(request: Req<'ListPipelinesRequest'>, ctx: CallContext) {
    return { pipelines: await this.pipelines.listPipelines(ctx.principal, request.ids) };
  }

  async createPipeline(request: Req<'CreatePipelineRequest'>, ctx: CallContext) {
    return this.pipelines.createPipeline(ctx.principal, request.name);
  }

  async updatePipeline(request: Req<'UpdatePipelineRequest'>, ctx: CallContext) {
    return {
      pipeline: await this.pipelines.updatePipeline(ctx.principal, request.id, {
        ...(request.name !== undefined ? { name: request.name } : {}),
        ...(request.disabled !== undefined ? { disabled: request.disabled } : {}),
      }),
    };
  }

  async listStages(request: Req<'ListStagesRequest'>, ctx: CallContext) {
    return { stages: await this.pipelines.listStages(ctx.principal, { ids: request.ids, ...(request.pipelineId !== undefined ? { pipelineId: request.pipelineId } : {}) }) };
  }

  async createStage(request: Req<'CreateStageRequest'>, ctx: CallContext) {
    return {
      stage: await this.pipelines.createStage(ctx.principal, {
        pipelineId: request.pipelineId,
        name: request.name,
        category: request.category,
        likelihood: request.likelihood,
        ...(request.position !== undefined ? { position: request.position } : {}),
      }),
    };
  }

  async updateStage(request: Req<'UpdateStageRequest'>, ctx: CallContext) {
    return {
      stage: await this.pipelines.updateStage(ctx.principal, request.id, {
        ...(request.name !== undefined ? { name: request.name } : {}),
        ...(request.likelihood !== undefined ? { likelihood: request.likelihood } : {}),
      }),
    };
  }

  async reorderStages(request: Req<'ReorderStagesRequest'>, ctx: CallContext) {
    return { stages: await this.pipelines.reorderStages(ctx.principal, request.pipelineId, request.stageIds) };
  }

  async deleteStage(request: Req<'DeleteStageRequest'>, ctx: CallContext) {
    return { dealsMoved: await this.deleteStageUseCase.execute(ctx.principal, request.id, request.moveDealsToStageId) };
  }
}
