import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type NotificationsMessage as Req } from '@crm/proto';
import { PushSubscriptionsService } from './push-subscriptions.service';

@Injectable()
@GrpcService(crm.notifications.v1.PushSubscriptionsServiceService)
export class PushSubscriptionsGrpcController implements AsyncService<crm.notifications.v1.PushSubscriptionsServiceServer> {
  constructor(private readonly subscriptions: PushSubscriptionsService) {}

  async listPushSubscriptions(_request: Req<'ListPushSubscriptionsRequest'>, ctx: CallContext) {
    return { subscriptions: await this.subscriptions.list(ctx.principal) };
  }

  async createPushSubscription(request: Req<'CreatePushSubscriptionRequest'>, ctx: CallContext) {
    const { endpoint, p256dh, auth, userAgent } = request;
    return { subscription: await this.subscriptions.create(ctx.principal, { endpoint, p256dh, auth, ...(userAgent ? { userAgent } : {}) }) };
  }

  async deletePushSubscription(request: Req<'DeletePushSubscriptionRequest'>, ctx: CallContext) {
    await this.subscriptions.delete(ctx.principal, request.id);
    return {};
  }

  async getPushKey() {
    return { publicKey: this.subscriptions.publicKey() };
  }
}
