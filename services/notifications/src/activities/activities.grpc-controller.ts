import { Injectable } from '@nestjs/common';
import { GrpcService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type NotificationsMessage as Req } from '@crm/proto';
import { ActivitiesService } from './activities.service';

@Injectable()
@GrpcService(crm.notifications.v1.ActivitiesServiceService)
export class ActivitiesGrpcController implements AsyncService<crm.notifications.v1.ActivitiesServiceServer> {
  constructor(private readonly activities: ActivitiesService) {}

  async listActivities(request: Req<'ListActivitiesRequest'>, ctx: CallContext) {
    return this.activities.list(ctx.principal, request);
  }
}
