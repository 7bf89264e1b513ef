import { Injectable } from '@nestjs/common';
import { GrpcService, type AnonymousAsyncService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type CalendarMessage as Req } from '@crm/proto';
import { VoiceService } from './voice.service';

/** gRPC transport of the voice integration's settings: translation only. */
@Injectable()
@GrpcService(crm.calendar.v1.VoiceIntegrationServiceService)
export class VoiceIntegrationGrpcController implements AsyncService<crm.calendar.v1.VoiceIntegrationServiceServer> {
  constructor(private readonly voice: VoiceService) {}

  async getVoiceIntegration(_request: Req<'GetVoiceIntegrationRequest'>, ctx: CallContext) {
    return { integration: await this.voice.get(ctx.principal) };
  }

  async rotateVoiceIntegration(_request: Req<'RotateVoiceIntegrationRequest'>, ctx: CallContext) {
    return this.voice.rotate(ctx.principal);
  }

  async deleteVoiceIntegration(_request: Req<'DeleteVoiceIntegrationRequest'>, ctx: CallContext) {
    await this.voice.delete(ctx.principal);
    return {};
  }
}

/** gRPC transport of the voice webhook (no caller: the key and the signature decide). */
@Injectable()
@GrpcService(crm.calendar.v1.VoiceWebhookServiceService, { anonymous: true })
export class VoiceWebhookGrpcController implements AnonymousAsyncService<crm.calendar.v1.VoiceWebhookServiceServer> {
  constructor(private readonly voice: VoiceService) {}

  async handleVoiceEvent(request: Req<'HandleVoiceEventRequest'>) {
    return this.voice.handle(request.tenantKey, Buffer.from(request.body), request.signature, request.timestamp);
  }
}
