import type { Principal } from '@crm/auth';
import type { CallContext } from '@crm/grpc';
import { crm } from '@crm/proto';
import type { DeleteStageUseCase } from '../use-cases/delete-stage.use-case';
import { PipelinesGrpcController } from './pipelines.grpc-controller';
import type { PipelinesService } from './pipelines.service';

const principal: Principal = { tenantId: 't', userId: '1', role: 'admin', visibleOwnerIds: 'all' };
const ctx = { principal } as CallContext;

function controller(pipelines: Partial<PipelinesService>, deleteStage: Partial<DeleteStageUseCase> = {}) {
  return new PipelinesGrpcController(pipelines as PipelinesService, deleteStage as DeleteStageUseCase);
}

describe(PipelinesGrpcController.name, () => {
  describe('updatePipeline', () => {
    it('passes on only the attributes the request carries', async () => {
      const updatePipeline = jest.fn().mockResolvedValue({ id: '5' });
      const sut = controller({ updatePipeline });
      await sut.updatePipeline(crm.deals.v1.UpdatePipelineRequest.fromPartial({ id: '5', disabled: true }), ctx);
      await sut.updatePipeline(crm.deals.v1.UpdatePipelineRequest.fromPartial({ id: '5', name: 'Renewals' }), ctx);
      expect(updatePipeline.mock.calls).toEqual([
        [principal, '5', { disabled: true }],
        [principal, '5', { name: 'Renewals' }],
      ]);
    });
  });

  describe('createStage', () => {
    it('leaves the position to the service unless the request names one', async () => {
      const createStage = jest.fn().mockResolvedValue({ id: '9' });
      const sut = controller({ createStage });
      await sut.createStage(crm.deals.v1.CreateStageRequest.fromPartial({ pipelineId: '5', name: 'Demo', category: 'in_progress', likelihood: 30 }), ctx);
      await sut.createStage(crm.deals.v1.CreateStageRequest.fromPartial({ pipelineId: '5', name: 'Demo', category: 'in_progress', likelihood: 30, position: 2 }), ctx);
      expect(createStage.mock.calls.map((c) => c[1])).toEqual([
        { pipelineId: '5', name: 'Demo', category: 'in_progress', likelihood: 30 },
        { pipelineId: '5', name: 'Demo', category: 'in_progress', likelihood: 30, position: 2 },
      ]);
    });
  });

  describe('deleteStage', () => {
    it('runs the stage deletion use case and answers how many deals moved', async () => {
      const execute = jest.fn().mockResolvedValue(3);
      const sut = controller({}, { execute });
      expect(await sut.deleteStage(crm.deals.v1.DeleteStageRequest.fromPartial({ id: '7', moveDealsToStageId: '8' }), ctx)).toEqual({ dealsMoved: 3 });
      expect(await sut.deleteStage(crm.deals.v1.DeleteStageRequest.fromPartial({ id: '7' }), ctx)).toEqual({ dealsMoved: 3 });
      expect(execute.mock.calls).toEqual([[principal, '7', '8'], [principal, '7', undefined]]);
    });
  });
});
