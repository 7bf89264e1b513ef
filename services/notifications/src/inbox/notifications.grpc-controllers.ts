import { Injectable } from '@nestjs/common';
import { GrpcService, type AnonymousAsyncService, type AsyncService, type CallContext } from '@crm/grpc';
import { crm, type NotificationsMessage as Req } from '@crm/proto';
import { PreferencesService, type PreferenceScope } from '../preferences/preferences.service';
import { UnsubscribeService } from '../preferences/unsubscribe.service';
import { InboxService } from './inbox.service';

@Injectable()
@GrpcService(crm.notifications.v1.NotificationsServiceService)
export class NotificationsGrpcController implements AsyncService<crm.notifications.v1.NotificationsServiceServer> {
  constructor(private readonly inbox: InboxService) {}

  async listNotifications(request: Req<'ListNotificationsRequest'>, ctx: CallContext) {
    return this.inbox.list(ctx.principal, { unreadOnly: request.unreadOnly, beforeId: request.beforeId, limit: request.limit, ...(request.afterId ? { afterId: request.afterId } : {}) });
  }

  async getNotification(request: Req<'GetNotificationRequest'>, ctx: CallContext) {
    return { notification: await this.inbox.get(ctx.principal, request.id) };
  }

  async countUnread(_request: Req<'CountUnreadRequest'>, ctx: CallContext) {
    return { count: String(await this.inbox.countUnread(ctx.principal)) };
  }

  async markNotifications(request: Req<'MarkNotificationsRequest'>, ctx: CallContext) {
    return { notifications: await this.inbox.mark(ctx.principal, request.ids, request.read) };
  }

  async markAllRead(_request: Req<'MarkAllReadRequest'>, ctx: CallContext) {
    return { updated: String(await this.inbox.markAllRead(ctx.principal)) };
  }
}

const scopeOf = (scope: crm.notifications.v1.PreferenceScope): PreferenceScope => (scope === crm.notifications.v1.PreferenceScope.PREFERENCE_SCOPE_ACCOUNT ? 'account' : 'user');

@Injectable()
@GrpcService(crm.notifications.v1.NotificationPreferencesServiceService)
export class NotificationPreferencesGrpcController implements AsyncService<crm.notifications.v1.NotificationPreferencesServiceServer> {
  constructor(private readonly preferences: PreferencesService) {}

  async getPreferences(request: Req<'GetPreferencesRequest'>, ctx: CallContext) {
    return this.preferences.get(ctx.principal, scopeOf(request.scope));
  }

  async updatePreferences(request: Req<'UpdatePreferencesRequest'>, ctx: CallContext) {
    return this.preferences.update(ctx.principal, scopeOf(request.scope), {
      preferences: request.preferences.map((p) => ({ type: p.type, channels: p.channels })),
      resetTypes: request.resetTypes,
      ...(request.locale !== undefined ? { locale: request.locale } : {}),
    });
  }
}

@Injectable()
@GrpcService(crm.notifications.v1.NotificationUnsubscribeServiceService, { anonymous: true })
export class NotificationUnsubscribeGrpcController implements AnonymousAsyncService<crm.notifications.v1.NotificationUnsubscribeServiceServer> {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  async getUnsubscribe(request: Req<'GetUnsubscribeRequest'>) {
    return this.unsubscribes.show(request.token);
  }

  async unsubscribe(request: Req<'UnsubscribeRequest'>) {
    return this.unsubscribes.unsubscribe(request.token);
  }
}
