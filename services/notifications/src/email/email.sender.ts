import { Inject, Injectable } from '@nestjs/common';
import { MailDeliveryError, type Mailer } from '@crm/mail';
import type { NotificationDoc } from '../inbox/notification.model';
import type { ChannelSender, Recipient, SendOutcome } from '../delivery/channel-sender';
import { DeliveryFailure } from '../delivery/channel-sender';
import type { DeliveryDoc } from '../delivery/delivery.model';
import { MAILER, NOTIFICATION_LINKS } from '../notifications.constants';
import type { NotificationType } from '../catalogue/notification-types';
import { renderEmail } from './email-templates';
import type { NotificationLinks } from './notification-links';

/**
 * Mail of a notification through the platform's mailer: the recipient's language and zone, a
 * link back to the record, and the type's one-click unsubscribe (RFC 8058). The Message-ID is
 * derived from the notification, so a send repeated after a crash is recognised as the same mail.
 */
@Injectable()
export class EmailSender implements ChannelSender {
  readonly channel = 'email' as const;

  constructor(
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(NOTIFICATION_LINKS) private readonly links: NotificationLinks,
  ) {}

  async send(delivery: DeliveryDoc, notification: NotificationDoc, recipient: Recipient): Promise<SendOutcome> {
    if (!recipient.email) return { status: 'skipped', detail: 'no address' };
    const type = notification.type as NotificationType;
    const unsubscribeUrl = this.links.unsubscribeUrl({ tenantId: delivery.tenantId, userId: delivery.userId, type });
    const recordUrl = this.links.recordUrl(notification);
    const mail = renderEmail(type, recipient.locale, notification.params, { unsubscribeUrl, ...(recordUrl ? { recordUrl } : {}) }, recipient.timeZone);
    try {
      await this.mailer.send({
        to: recipient.name ? `"${recipient.name.replace(/["\\\r\n]/g, '')}" <${recipient.email}>` : recipient.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${notification._id}.email@notifications.pipewright>`,
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
          'X-Pipewright-Notification': notification._id,
          'X-Pipewright-Notification-Type': notification.type,
        },
      });
      return { status: 'sent', detail: recipient.email };
    } catch (e) {
      if (e instanceof MailDeliveryError) throw new DeliveryFailure(e.message, e.transient);
      throw e;
    }
  }
}
