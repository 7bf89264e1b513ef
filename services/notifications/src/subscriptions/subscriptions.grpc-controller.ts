import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type NotificationsMessage as Req } from '@crm/proto';
import { SubscriptionsService } from './subscriptions.service';

const EMPTY_INPUT = crm.notifications.v1.SubscriptionInput.fromPartial({});

@Injectable()
@GrpcService(crm.notifications.v1.NotificationSubscriptionsServiceService)
export class SubscriptionsGrpcController implements AsyncService<crm.notifications.v1.NotificationSubscriptionsServiceServer> {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  async listSubscriptions(request: Req<'ListSubscriptionsRequest'>, ctx: CallContext) {
    return { subscriptions: await this.subscriptions.list(ctx.principal, request.resourceType) };
  }

  async getSubscription(request: Req<'GetSubscriptionRequest'>, ctx: CallContext) {
    return { subscription: await this.subscriptions.get(ctx.principal, request.id) };
  }

  async createSubscription(request: Req<'CreateSubscriptionRequest'>, ctx: CallContext) {
    return { subscription: await this.subscriptions.create(ctx.principal, request.subscription ?? EMPTY_INPUT, request.mask ?? []) };
  }

  async updateSubscription(request: Req<'UpdateSubscriptionRequest'>, ctx: CallContext) {
    return { subscription: await this.subscriptions.update(ctx.principal, request.id, request.subscription ?? EMPTY_INPUT, request.mask ?? []) };
  }

  async deleteSubscription(request: Req<'DeleteSubscriptionRequest'>, ctx: CallContext) {
    await this.subscriptions.delete(ctx.principal, request.id);
    return {};
  }
}
