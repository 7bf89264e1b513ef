import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import { isNotificationType, NOTIFICATION_TYPES } from '../catalogue/notification-types';
import type { NotificationLinks } from '../email/notification-links';
import { NOTIFICATION_LINKS } from '../notifications.constants';
import { NotificationsError } from '../notifications.errors';
import { PreferencesService } from './preferences.service';

/**
 * What a mail's unsubscribe link does: showing it changes nothing (mail scanners follow links);
 * confirming it, or a mail client's one-click POST, turns the type's mail off for that user and
 * keeps their other channels as they were.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    @Inject(NOTIFICATION_LINKS) private readonly links: NotificationLinks,
    private readonly preferences: PreferencesService,
  ) {}

  async show(token: string) {
    const { principal, type } = this.claim(token);
    const current = (await this.preferences.get(principal, 'user')).preferences.find((p) => p.type === type)!;
    return { type, description: NOTIFICATION_TYPES[type].description, emailOn: current.channels.includes('email') };
  }

  async unsubscribe(token: string) {
    const { principal, type } = this.claim(token);
    const current = (await this.preferences.get(principal, 'user')).preferences.find((p) => p.type === type)!;
    if (current.channels.includes('email')) {
      await this.preferences.update(principal, 'user', { preferences: [{ type, channels: current.channels.filter((c) => c !== 'email') }], resetTypes: [] });
    }
    return { type, description: NOTIFICATION_TYPES[type].description };
  }

  /** The user the token speaks for, acting on their own preferences only. */
  private claim(token: string) {
    const claim = this.links.readUnsubscribe(token);
    if (!claim || !isNotificationType(claim.type)) throw NotificationsError.unsubscribeLinkNotFound();
    const principal: Principal = { tenantId: claim.tenantId, userId: claim.userId, role: 'user', visibleOwnerIds: [claim.userId] };
    return { principal, type: claim.type };
  }
}
