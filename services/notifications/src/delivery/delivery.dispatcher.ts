import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { PeriodicWorker } from '@crm/service';
import type { NotificationType } from '../catalogue/notification-types';
import type { NotificationsConfig } from '../config/notifications.config';
import type { Locale } from '../email/email-templates';
import { InboxRepository } from '../inbox/inbox.repository';
import { CONFIG } from '../notifications.constants';
import { PreferencesService } from '../preferences/preferences.service';
import { ReadModelsRepository } from '../read-models/read-models.repository';
import { CHANNEL_SENDERS, DeliveryFailure, type ChannelSender, type Recipient, type SendOutcome } from './channel-sender';
import { retryDelayMs } from './delivery-backoff';
import { DeliveriesRepository } from './deliveries.repository';
import type { DeliveryDoc, SentChannel } from './delivery.model';

const meter = metrics.getMeter('notifications');
const outcomes = meter.createCounter('crm.notifications.deliveries', { description: 'Attempts to send a notification, by channel and outcome' });

/**
 * Sends queued mail and push messages, on every replica: each send is leased first, so no two
 * replicas take the same one, and one whose replica died is taken again when the lease lapses.
 * A transient failure is tried again with growing waits; a final one, or the last attempt,
 * marks it failed. Each outcome is kept on the delivery: the audit of what was sent, when and how.
 */
@Injectable()
export class DeliveryDispatcher extends PeriodicWorker {
  protected readonly intervalMs: number;
  protected override readonly enabled: boolean;
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly senders: ReadonlyMap<SentChannel, ChannelSender>;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    @Inject(CHANNEL_SENDERS) senders: ChannelSender[],
    private readonly deliveries: DeliveriesRepository,
    private readonly inbox: InboxRepository,
    private readonly readModels: ReadModelsRepository,
    private readonly preferences: PreferencesService,
  ) {
    super();
    this.intervalMs = config.delivery.pollMs;
    this.enabled = config.delivery.enabled;
    this.senders = new Map(senders.map((s) => [s.channel, s]));
  }

  protected async runPass(): Promise<void> {
    const { batchSize, leaseMs } = this.config.delivery;
    for (let i = 0; i < batchSize; i++) {
      if (this.stopping.aborted) return;
      const now = new Date();
      const delivery = await this.deliveries.claimDue(this.owner, now, new Date(now.getTime() + leaseMs));
      if (!delivery) return;
      await this.deliver(delivery);
    }
    // A full batch: more may be due.
    this.runSoon();
  }

  private async deliver(delivery: DeliveryDoc): Promise<void> {
    const { maxAttempts, retryBaseMs, retryMaxMs } = this.config.delivery;
    let outcome: SendOutcome;
    try {
      outcome = await this.attempt(delivery);
    } catch (e) {
      const error = (e as Error).message?.slice(0, 500) ?? String(e);
      const final = (e instanceof DeliveryFailure && !e.transient) || delivery.attempts >= maxAttempts;
      outcomes.add(1, { channel: delivery.channel, outcome: final ? 'failed' : 'retry' });
      this.logger.warn({ err: e, delivery: delivery._id, attempts: delivery.attempts, final }, 'notification send failed');
      await this.deliveries.settle(
        delivery._id,
        this.owner,
        final ? { status: 'failed', at: new Date(), error } : { status: 'pending', retryAt: new Date(Date.now() + retryDelayMs(delivery.attempts, retryBaseMs, retryMaxMs)), error },
      );
      return;
    }
    outcomes.add(1, { channel: delivery.channel, outcome: outcome.status });
    const settled = await this.deliveries.settle(delivery._id, this.owner, { status: outcome.status, at: new Date(), detail: outcome.detail });
    if (!settled) this.logger.warn({ delivery: delivery._id }, 'a send outlasted its lease; another replica may send it again');
  }

  private async attempt(delivery: DeliveryDoc): Promise<SendOutcome> {
    const sender = this.senders.get(delivery.channel);
    if (!sender) throw new DeliveryFailure(`no sender for channel ${delivery.channel}`, false);
    const notification = await this.inbox.get(delivery.tenantId, delivery.userId, delivery.notificationId);
    if (!notification) throw new DeliveryFailure('the notification no longer exists', false);
    const [user, choice] = await Promise.all([
      this.readModels.user(delivery.tenantId, delivery.userId),
      this.preferences.channelsFor(delivery.tenantId, notification.type as NotificationType, [delivery.userId]),
    ]);
    const { channels, locale } = choice.get(delivery.userId)!;
    // Turned off (or unsubscribed) since the notification was raised, or the user left.
    if (!channels.includes(delivery.channel)) return { status: 'skipped', detail: 'channel turned off' };
    if (user?.status === 'inactive') return { status: 'skipped', detail: 'user inactive' };
    const recipient: Recipient = { userId: delivery.userId, name: user?.name ?? '', email: user?.email || null, timeZone: user?.timezone ?? undefined, locale: locale as Locale };
    return sender.send(delivery, notification, recipient);
  }
}
