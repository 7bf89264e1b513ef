import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@crm/auth';
import type { FieldViolation } from '@crm/errors';
import { refusedServerUrl } from '@crm/outbound';
import type { crm } from '@crm/proto';
import type { NotificationsConfig } from '../config/notifications.config';
import { CONFIG } from '../notifications.constants';
import { NotificationsError } from '../notifications.errors';
import { subscriptionId, type PushSubscriptionDoc } from './push-subscription.model';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const decodedLength = (value: string) => (BASE64URL.test(value) ? Buffer.from(value, 'base64url').length : -1);

export interface NewPushSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent?: string;
}

/** A user's own Web Push subscriptions: registered from their browsers, never another user's. */
@Injectable()
export class PushSubscriptionsService {
  constructor(
    @Inject(CONFIG) private readonly config: NotificationsConfig,
    private readonly repository: PushSubscriptionsRepository,
  ) {}

  publicKey(): string {
    if (!this.config.push.vapid) throw NotificationsError.pushNotConfigured();
    return this.config.push.vapid.publicKey;
  }

  async list(principal: Principal): Promise<crm.notifications.v1.PushSubscription[]> {
    return (await this.repository.ofUser(principal.tenantId, principal.userId)).map(toSubscription);
  }

  /**
   * Checks everything before writing: an https endpoint on a public address (the server posts to
   * it), a P-256 key and a 16-byte secret as browsers make them; one bad part refuses it all.
   */
  async create(principal: Principal, input: NewPushSubscription): Promise<crm.notifications.v1.PushSubscription> {
    if (!this.config.push.vapid) throw NotificationsError.pushNotConfigured();
    const violations: FieldViolation[] = [];
    if (input.endpoint.length > 2_048) violations.push({ field: 'endpoint', code: 'incorrect_value', message: 'is longer than 2048 characters' });
    else {
      const refused = await refusedServerUrl(input.endpoint, { allowPrivate: this.config.push.allowPrivateAddresses, httpsOnly: true });
      if (refused) violations.push({ field: 'endpoint', code: 'incorrect_value', message: refused });
    }
    const key = decodedLength(input.p256dh);
    if (key !== 65 || Buffer.from(input.p256dh, 'base64url')[0] !== 0x04) violations.push({ field: 'keys.p256dh', code: 'incorrect_value', message: 'must be an uncompressed P-256 public key (65 bytes, base64url)' });
    if (decodedLength(input.auth) !== 16) violations.push({ field: 'keys.auth', code: 'incorrect_value', message: 'must be a 16-byte secret (base64url)' });
    if (violations.length > 0) throw NotificationsError.invalidPushSubscription(violations);
    const id = subscriptionId(principal.tenantId, input.endpoint);
    const existing = await this.repository.get(principal.tenantId, id);
    if (!existing && (await this.repository.countOfUser(principal.tenantId, principal.userId)) >= this.config.push.maxSubscriptionsPerUser) {
      throw NotificationsError.invalidPushSubscription([{ field: 'endpoint', code: 'incorrect_value', message: `at most ${this.config.push.maxSubscriptionsPerUser} subscriptions per user; remove one first` }]);
    }
    const doc: PushSubscriptionDoc = {
      _id: id, tenantId: principal.tenantId, userId: principal.userId, endpoint: input.endpoint, p256dh: input.p256dh, auth: input.auth,
      userAgent: input.userAgent?.slice(0, 500) ?? null, createdAt: new Date(), lastSuccessAt: existing?.lastSuccessAt ?? null,
    };
    return toSubscription(await this.repository.put(doc));
  }

  async delete(principal: Principal, id: string): Promise<void> {
    if (!(await this.repository.delete(principal.tenantId, principal.userId, id))) throw NotificationsError.pushSubscriptionNotFound(id);
  }
}

function toSubscription(doc: PushSubscriptionDoc): crm.notifications.v1.PushSubscription {
  return { id: doc._id, endpoint: doc.endpoint, ...(doc.userAgent ? { userAgent: doc.userAgent } : {}), createdAt: doc.createdAt, lastSuccessAt: doc.lastSuccessAt ?? undefined };
}
