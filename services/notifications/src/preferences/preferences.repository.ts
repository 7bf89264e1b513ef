import { Inject, Injectable } from '@nestjs/common';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Channel, NotificationType } from '../catalogue/notification-types';
import { MONGO } from '../notifications.constants';
import type { ChosenChannels } from './preference-resolution';

/** The account's defaults are stored as the choices of this pseudo user. */
export const ACCOUNT = '*';

/**
 * One document per user (and one for the account): the channels chosen per type, and the
 * language of the user's mail. A change is one document update, so it is atomic without
 * transactions.
 */
export interface PreferencesDoc {
  _id: string;
  tenantId: string;
  userId: string;
  types: Partial<Record<NotificationType, Channel[]>>;
  locale: string | null;
  updatedAt: Date;
}

const schema = new Schema<PreferencesDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    types: { type: Schema.Types.Mixed, default: {} },
    locale: { type: String, default: null },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, userId: 1 }, { unique: true, name: 'preferences_per_user' });

export function preferencesModel(connection: Connection): Model<PreferencesDoc> {
  return connection.models.NotificationPreferences ?? connection.model<PreferencesDoc>('NotificationPreferences', schema, 'notification_preferences');
}

export interface StoredChoices {
  types: ChosenChannels;
  locale: string | null;
}

@Injectable()
export class PreferencesRepository {
  private readonly preferences: Model<PreferencesDoc>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.preferences = preferencesModel(connection);
  }

  /** The stored choices of each user asked for (the account: {@link ACCOUNT}); none stored reads as empty. */
  async choicesOf(tenantId: string, userIds: readonly string[]): Promise<Map<string, StoredChoices>> {
    const docs = await this.preferences.find({ tenantId, _id: { $in: userIds.map((u) => `${tenantId}:${u}`) } }).lean();
    const found = new Map(docs.map((d) => [d.userId, d]));
    return new Map(userIds.map((u) => [u, toChoices(found.get(u))]));
  }

  /** Sets some types' channels, resets others and optionally the locale, in one write. */
  async change(tenantId: string, userId: string, change: { set: ReadonlyMap<NotificationType, Channel[]>; reset: readonly NotificationType[]; locale?: string }): Promise<void> {
    const $set: Record<string, unknown> = { tenantId, userId, updatedAt: new Date() };
    for (const [type, channels] of change.set) $set[`types.${type}`] = channels;
    if (change.locale !== undefined) $set.locale = change.locale;
    const $unset: Record<string, ''> = {};
    for (const type of change.reset) if (!change.set.has(type)) $unset[`types.${type}`] = '';
    await this.preferences.updateOne({ _id: `${tenantId}:${userId}` }, { $set, ...(Object.keys($unset).length ? { $unset } : {}) }, { upsert: true });
  }
}

function toChoices(doc: PreferencesDoc | undefined): StoredChoices {
  return { types: new Map(Object.entries(doc?.types ?? {}) as [NotificationType, Channel[]][]), locale: doc?.locale ?? null };
}
