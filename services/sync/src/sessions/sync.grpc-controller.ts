import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type SyncMessage as Req } from '@crm/proto';
import { SessionsService } from './sessions.service';

/** gRPC transport of the Sync API: translation only. */
@Injectable()
@GrpcService(crm.sync.v1.SyncServiceService)
export class SyncGrpcController implements AsyncService<crm.sync.v1.SyncServiceServer> {
  constructor(private readonly sessions: SessionsService) {}

  async startSession(request: Req<'StartSessionRequest'>, ctx: CallContext) {
    return this.sessions.start(ctx.principal, request.deviceUuid);
  }

  async fetchQueue(request: Req<'FetchQueueRequest'>, ctx: CallContext) {
    return this.sessions.fetch(ctx.principal, request);
  }

  async acknowledge(request: Req<'AcknowledgeRequest'>, ctx: CallContext) {
    await this.sessions.acknowledge(ctx.principal, request.deviceUuid, request.ackKeys);
    return {};
  }
}
