import { CHANNELS, NOTIFICATION_TYPES, PRESET_TYPES, type Channel, type NotificationType } from '../catalogue/notification-types';

export type PreferenceSource = 'user' | 'account' | 'default';

export interface EffectivePreference {
  type: NotificationType;
  channels: Channel[];
  source: PreferenceSource;
}

/** Stored choices of one level (the user's or the account's), by type. */
export type ChosenChannels = ReadonlyMap<NotificationType, readonly Channel[]>;

/** A type's channels: the user's choice, else the account's default, else the catalogue's. */
export function resolveChannels(type: NotificationType, user: ChosenChannels, account: ChosenChannels): EffectivePreference {
  const own = user.get(type);
  if (own) return { type, channels: ordered(own), source: 'user' };
  const tenant = account.get(type);
  if (tenant) return { type, channels: ordered(tenant), source: 'account' };
  return { type, channels: ordered(NOTIFICATION_TYPES[type].channels), source: 'default' };
}

/** Every preset type, resolved; in the catalogue's order. */
export function resolveAll(user: ChosenChannels, account: ChosenChannels): EffectivePreference[] {
  return PRESET_TYPES.map((type) => resolveChannels(type, user, account));
}

/** The account's defaults as a user without choices sees them (the account level or the catalogue). */
export function resolveAccount(account: ChosenChannels): EffectivePreference[] {
  return resolveAll(new Map(), account);
}

function ordered(channels: readonly Channel[]): Channel[] {
  return CHANNELS.filter((c) => channels.includes(c));
}
