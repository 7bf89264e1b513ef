import type { NotificationDoc } from '../inbox/notification.model';
import type { Locale } from '../email/email-templates';
import type { DeliveryDoc, SentChannel } from './delivery.model';

/** A send that did not go out; `transient` says whether trying again may succeed. */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

/** Whom a send goes to, as the directory and their preferences describe them. */
export interface Recipient {
  userId: string;
  name: string;
  email: string | null;
  timeZone: string | undefined;
  locale: Locale;
}

export interface SendOutcome {
  /** skipped: nothing to send to (no address, no push subscription). */
  status: 'sent' | 'skipped';
  detail: string;
}

/** One channel's way of sending a stored notification. Throws {@link DeliveryFailure} when it could not. */
export interface ChannelSender {
  readonly channel: SentChannel;
  send(delivery: DeliveryDoc, notification: NotificationDoc, recipient: Recipient): Promise<SendOutcome>;
}

/** Injection token of the channel senders (a multi-provider list). */
export const CHANNEL_SENDERS = Symbol('CHANNEL_SENDERS');
