import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { buildEvent, cloudEventHeaders } from '@crm/events';
import { createIdempotentProducer } from '@crm/kafka';
import type { NotificationDoc } from '../inbox/notification.model';
import { KAFKA } from '../notifications.constants';
import { DeliveryFailure, type ChannelSender, type SendOutcome } from './channel-sender';
import type { DeliveryDoc } from './delivery.model';

/**
 * The web channel's live part: `notification.created` on Kafka, keyed by user, which every gateway
 * replica reads and writes to the user's open streams there. A publish that fails is a transient
 * failure of the send, tried again like a mail; the event id is the send's, so a repeat is
 * recognised by the gateway.
 */
@Injectable()
export class LiveSender implements ChannelSender, OnApplicationBootstrap, OnApplicationShutdown {
  readonly channel = 'web' as const;
  private producer?: Producer;
  private connecting?: Promise<void>;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  onApplicationBootstrap(): void {
    this.producer = createIdempotentProducer(this.kafka);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
  }

  async send(delivery: DeliveryDoc, n: NotificationDoc): Promise<SendOutcome> {
    const event = buildEvent({
      kind: 'notificationCreated',
      tenantId: delivery.tenantId,
      aggregateId: delivery.userId,
      subject: `tenants/${delivery.tenantId}/users/${delivery.userId}/notifications/${n._id}`,
      payload: { id: n._id, userId: n.userId, type: n.type, title: n.title, body: n.body, ...(n.resourceType ? { resourceType: n.resourceType, resourceId: n.resourceId ?? '' } : {}), createdAt: n.createdAt },
      ...(n.actorId ? { actorId: n.actorId } : {}),
    });
    try {
      await this.connected();
      await this.producer!.send({ topic: event.topic, acks: -1, messages: [{ key: event.partitionKey, value: Buffer.from(event.data), headers: cloudEventHeaders(event) }] });
    } catch (e) {
      this.connecting = undefined;
      throw new DeliveryFailure(`live publish failed: ${(e as Error).message}`, true);
    }
    return { status: 'sent', detail: 'live' };
  }

  /** Connects on first use and after a failure, so a broker down at start-up delays nothing else. */
  private connected(): Promise<void> {
    this.connecting ??= this.producer!.connect();
    return this.connecting;
  }
}
