import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@crm/auth';
import type { crm } from '@crm/proto';
import { CurrentPrincipal, Public } from '../../../auth/auth.guard';
import { single } from '../../../sell/sell-envelope';
import { SellHttpError } from '../../../sell/sell-error';
import { rawBodyOf } from '../../../sell/raw-body';
import { sellTime } from '../../../sell/sell-record';
import { Upstream } from '../../../upstream';
import { VOICE_INTEGRATION_CLIENT, VOICE_WEBHOOK_CLIENT } from '../calendar-tasks.constants';

const webhookPath = (key: string) => `/public/voice/${key}/events`;

function presentIntegration(i: crm.calendar.v1.VoiceIntegration) {
  return { public_key: i.publicKey, webhook_path: webhookPath(i.publicKey), created_by: Number(i.createdBy), created_at: sellTime(i.createdAt), rotated_at: sellTime(i.rotatedAt) };
}

/** `/v2/voice_integration` (beyond Sell): the account's voice provider webhook key and secret, for admins. */
@Controller('v2/voice_integration')
export class VoiceIntegrationHttpController {
  constructor(
    @Inject(VOICE_INTEGRATION_CLIENT) private readonly client: crm.calendar.v1.VoiceIntegrationServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Get()
  async get(@CurrentPrincipal() principal: Principal) {
    const { integration } = await this.upstream.call(this.client, this.client.getVoiceIntegration, {}, principal);
    return single('voice_integration', presentIntegration(integration!));
  }

  /** Creates the integration or replaces its key and secret; the secret is in this answer only. */
  @Post()
  @HttpCode(200)
  async rotate(@CurrentPrincipal() principal: Principal) {
    const { integration, secret } = await this.upstream.call(this.client, this.client.rotateVoiceIntegration, {}, principal);
    return single('voice_integration', { ...presentIntegration(integration!), secret });
  }

  @Delete()
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.upstream.call(this.client, this.client.deleteVoiceIntegration, {}, principal);
  }
}

/** The voice provider's webhook: no token; the key names the account and the signature proves the sender. */
@Public()
@Controller('public/voice')
export class VoiceWebhookHttpController {
  constructor(
    @Inject(VOICE_WEBHOOK_CLIENT) private readonly client: crm.calendar.v1.VoiceWebhookServiceClient,
    private readonly upstream: Upstream,
  ) {}

  @Post(':tenantKey/events')
  @HttpCode(200)
  async receive(@Param('tenantKey') tenantKey: string, @Req() request: FastifyRequest) {
    const body = rawBodyOf(request);
    if (!body || body.length === 0) throw SellHttpError.unsupportedMediaType('Send the event as application/json.');
    const header = (name: string) => {
      const v = request.headers[name];
      return typeof v === 'string' ? v : '';
    };
    const logged = await this.upstream.call(this.client, this.client.handleVoiceEvent, { tenantKey, body, signature: header('x-voice-signature'), timestamp: header('x-voice-timestamp') }, undefined);
    return single('voice_event', {
      kind: logged.kind, id: Number(logged.id), resource_type: logged.resourceType ?? null, resource_id: logged.resourceId === undefined ? null : Number(logged.resourceId),
    });
  }
}
